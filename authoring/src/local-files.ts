import path from 'node:path';
import type { CourseOutline } from '@smart-training/core';

/**
 * Course files referenced by a relative path (media, images and links in the
 * material text) travel inside the package at the same path, relative to the
 * course folder, so the unit finds them next to its index.html.
 */

/** True for anything with a scheme (https:, mailto:, data:) or a protocol-relative `//host`. */
export function isExternal(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
}

/** Where a local reference points, relative to the course folder. */
export type LocalTarget =
  | { ok: true; relative: string }
  | { ok: false; reason: string };

/**
 * Resolves `href` written in a file inside `fromDir` (relative to the course
 * folder) to a course-relative `/`-separated path, refusing paths that leave
 * the course folder or start at the file system root.
 */
export function resolveLocal(href: string, fromDir: string): LocalTarget {
  const withoutFragment = href.replace(/[?#].*$/, '');
  if (withoutFragment.startsWith('/') || path.isAbsolute(withoutFragment)) {
    return { ok: false, reason: 'is an absolute path; write it relative to the file that mentions it' };
  }
  const relative = path.posix.normalize(path.posix.join(fromDir.split(path.sep).join('/'), withoutFragment));
  if (relative === '..' || relative.startsWith('../')) {
    return { ok: false, reason: 'points outside the course folder; copy the file into the course folder' };
  }
  return { ok: true, relative };
}

/** Every course-relative file the outline refers to, sorted, without duplicates. */
export function localFilesOf(outline: CourseOutline): string[] {
  const files = new Set<string>();
  for (const material of outline.materials) {
    for (const media of material.media) {
      if (!isExternal(media.href)) files.add(stripQuery(media.href));
    }
    for (const html of [material.html.id, material.html.en ?? '']) {
      for (const match of html.matchAll(/\s(?:src|href)="([^"]*)"/g)) {
        const reference = decodeReference(match[1] ?? '');
        if (reference === '' || reference.startsWith('#') || isExternal(reference)) continue;
        files.add(stripQuery(reference));
      }
    }
  }
  return [...files].sort();
}

function stripQuery(href: string): string {
  return href.replace(/[?#].*$/, '');
}

// marked writes attribute values HTML-escaped and URI-encoded.
function decodeReference(value: string): string {
  const unescaped = value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
  try {
    return decodeURI(unescaped);
  } catch {
    return unescaped;
  }
}

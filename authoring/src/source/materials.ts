import path from 'node:path';
import type { LocalizedText, Material, MediaRef } from '@smart-training/core';
import type { SourceProblem } from '../problems';
import { isExternal, resolveLocal } from '../local-files';
import type { MaterialEntry } from './course-file';
import { fileExists } from './fs';
import { renderMarkdown } from './markdown';
import type { YamlFile } from './yaml-file';

/** The SMART model asks for at least this much learning video per material. */
const MIN_VIDEO_MINUTES_PER_MATERIAL = 30;

/**
 * Turns a well-formed material entry into a {@link Material}: renders its
 * Markdown (and the English sibling `<name>.en.md` when there is one) and
 * checks that local media exist. Returns undefined when the text is missing.
 */
export async function buildMaterial(
  root: string,
  file: YamlFile,
  entry: MaterialEntry,
  problems: SourceProblem[],
  warnings: SourceProblem[],
): Promise<Material | undefined> {
  const { source, index } = entry;
  const html = await renderTexts(root, file, entry, problems, warnings);
  const media: MediaRef[] = [];
  for (const [mediaIndex, item] of source.media.entries()) {
    const at = ['materials', index, 'media', mediaIndex, 'href'];
    const href = await checkMediaHref(root, item.href);
    if (href.ok) media.push({ ...item, href: href.value });
    else problems.push(file.problemAt(at, `materials[${index}].media[${mediaIndex}].href: ${href.reason}`));
  }
  const videoMinutes = source.media
    .filter((item) => item.kind === 'video')
    .reduce((sum, item) => sum + (item.minutes ?? 0), 0);
  if (videoMinutes < MIN_VIDEO_MINUTES_PER_MATERIAL) {
    warnings.push(
      file.problemAt(
        ['materials', index, 'media'],
        `material "${source.id}" lists ${videoMinutes} minute(s) of video; the SMART model asks for at least ` +
          `${MIN_VIDEO_MINUTES_PER_MATERIAL} minutes of learning video per material (give each video its "minutes")`,
      ),
    );
  }
  if (!html) return undefined;
  return { id: source.id, title: source.title, html, media, test: entry.test };
}

async function renderTexts(
  root: string,
  file: YamlFile,
  entry: MaterialEntry,
  problems: SourceProblem[],
  warnings: SourceProblem[],
): Promise<LocalizedText | undefined> {
  const at = ['materials', entry.index, 'text'];
  const target = resolveLocal(entry.source.text, '.');
  if (!target.ok) {
    problems.push(file.problemAt(at, `materials[${entry.index}].text: "${entry.source.text}" ${target.reason}`));
    return undefined;
  }
  if (!(await fileExists(path.join(root, target.relative)))) {
    problems.push(
      file.problemAt(
        at,
        `materials[${entry.index}].text: ${target.relative} does not exist in the course folder; create it or correct the path`,
      ),
    );
    return undefined;
  }
  const indonesian = await renderMarkdown(root, target.relative);
  problems.push(...indonesian.problems);
  warnings.push(...indonesian.warnings);
  const englishFile = englishSibling(target.relative);
  if (englishFile === undefined || !(await fileExists(path.join(root, englishFile)))) {
    return { id: indonesian.html };
  }
  const english = await renderMarkdown(root, englishFile);
  problems.push(...english.problems);
  warnings.push(...english.warnings);
  return { id: indonesian.html, en: english.html };
}

/** `materials/01-x.md` → `materials/01-x.en.md`. */
function englishSibling(file: string): string | undefined {
  return /\.md$/i.test(file) ? file.replace(/\.md$/i, '.en.md') : undefined;
}

type Checked = { ok: true; value: string } | { ok: false; reason: string };

async function checkMediaHref(root: string, href: string): Promise<Checked> {
  if (isExternal(href)) return { ok: true, value: href };
  const target = resolveLocal(href, '.');
  if (!target.ok) return { ok: false, reason: `"${href}" ${target.reason}` };
  if (!(await fileExists(path.join(root, target.relative)))) {
    return {
      ok: false,
      reason: `${target.relative} does not exist in the course folder; add the file or give a URL (https://...)`,
    };
  }
  return { ok: true, value: target.relative };
}

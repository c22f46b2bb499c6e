import type { CourseOutline } from '@smart-training/core';
import type { PackageFormat } from './formats';

/**
 * The unit bundle a package of each format carries, by file name (the
 * same inside the zip as in `dist/unit`). Only cmi5 packages need the cmi5
 * host, which brings @xapi/cmi5 and its own axios (about 94 KB): the other
 * formats carry the lean bundle.
 */
export const UNIT_BUNDLE_FILES: Readonly<Record<PackageFormat, string>> = {
  scorm12: 'smart-unit.js',
  scorm2004: 'smart-unit.js',
  xapi: 'smart-unit.js',
  cmi5: 'smart-unit-cmi5.js',
};
/** The outline and LRS settings the unit reads at start. */
export const COURSE_JSON_FILE = 'course.json';

/**
 * The package's launch page: loads the unit bundle of the package's
 * format and hands it the course file. Indonesian first, as learners see it.
 */
export function buildIndexHtml(outline: CourseOutline, format: PackageFormat): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(outline.title.id)}</title>
<script src="${UNIT_BUNDLE_FILES[format]}" defer></script>
</head>
<body>
<smart-course-unit src="${COURSE_JSON_FILE}"></smart-course-unit>
<noscript>Pelatihan ini membutuhkan JavaScript. Aktifkan JavaScript di peramban Anda, lalu muat ulang halaman ini.</noscript>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

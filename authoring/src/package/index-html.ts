import type { CourseOutline } from '@smart-training/core';

/** The unit bundle's file name inside every package. */
export const UNIT_BUNDLE_FILE = 'smart-unit.js';
/** The outline and LRS settings the unit reads at start. */
export const COURSE_JSON_FILE = 'course.json';

/**
 * The package's launch page: loads the unit bundle and hands it the course
 * file. Indonesian first, as learners see it.
 */
export function buildIndexHtml(outline: CourseOutline): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(outline.title.id)}</title>
<script src="${UNIT_BUNDLE_FILE}" defer></script>
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

import {
  CAPACITY_ATTEMPT_CAP,
  DIFFICULTIES,
  bankCapacity,
  type Course,
} from '@smart-training/core';
import type { PackResult } from '../package/pack-course';

/** What `smart-author validate` prints for a course that loads. */
export function courseSummary(course: Course): string {
  const lines = [
    `${course.id} ${course.version}: ${course.title.id}`,
    `${course.materials.length} material(s), ${course.bank.length} item(s), ${course.jp} JP`,
    '',
    'Items per material and difficulty:',
  ];
  const rows = course.materials.map((material) => {
    const items = course.bank.filter((item) => item.material === material.id);
    return [
      material.id,
      ...DIFFICULTIES.map((difficulty) => String(items.filter((item) => item.difficulty === difficulty).length)),
      String(items.length),
    ];
  });
  lines.push(...table(['material', ...DIFFICULTIES, 'total'], rows));

  lines.push('', 'Attempts without repeating an item:');
  const capacity = bankCapacity(course).map((report) => [
    report.testId,
    String(report.formSize),
    report.attemptsWithoutRepeat >= CAPACITY_ATTEMPT_CAP
      ? `${CAPACITY_ATTEMPT_CAP}+`
      : String(report.attemptsWithoutRepeat),
  ]);
  lines.push(...table(['test', 'items per form', 'attempts'], capacity));
  return lines.join('\n');
}

/**
 * What `smart-author pack` prints after writing the zips: one row per
 * format with the zip's size and file count, then where it is.
 *
 * @example
 * packSummary(results)
 * // "  format  size     files  zip\n  cmi5    71.3 kB      4  dist/packages/berakhlak-2026-1.0.0-cmi5.zip"
 */
export function packSummary(results: readonly PackResult[]): string {
  return table(
    ['format', 'size', 'files', 'zip'],
    results.map((result) => [result.format, humanSize(result.bytes), String(result.files.length), result.file]),
  ).join('\n');
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  // Text columns align left, counts right.
  const isCount = (cell: string | undefined) => /^[\d.]+\+?( \w+)?$/.test(cell ?? '');
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => isCount(row[column])));
  const render = (row: string[]) =>
    '  ' +
    row
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)];
}

/** Decimal units, as file managers show sizes: 1 kB is 1,000 bytes. */
function humanSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 999_950) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

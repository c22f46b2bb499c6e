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

/** What `smart-author pack` prints after writing the zips. */
export function packSummary(results: readonly PackResult[]): string {
  return table(
    ['format', 'file', 'files', 'size'],
    results.map((result) => [result.format, result.file, String(result.files.length), humanSize(result.bytes)]),
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

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

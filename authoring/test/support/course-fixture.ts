import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A course source folder as file path → content. */
export type CourseFiles = Record<string, string | Buffer>;

/** 1-based line of the first line containing `needle`; fails loudly when absent. */
export function lineOf(text: string | Buffer | undefined, needle: string): number {
  const lines = String(text).split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture has no line containing "${needle}"`);
  return index + 1;
}

/** Writes the files into a fresh temporary folder and returns its path. */
export async function writeCourse(files: CourseFiles): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'smart-course-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

interface ItemOptions {
  id: string;
  material: string;
  difficulty: 'easy' | 'medium' | 'hard';
  type?: 'single' | 'multiple' | 'truefalse';
}

/** One bank item in YAML; single items get three options, the second correct. */
export function itemYaml({ id, material, difficulty, type = 'single' }: ItemOptions): string {
  const head = [
    `  - id: ${id}`,
    `    type: ${type}`,
    `    material: ${material}`,
    `    competency: etika-dasar`,
    `    difficulty: ${difficulty}`,
    `    stem: { id: "Pertanyaan ${id}?", en: "Question ${id}?" }`,
  ];
  if (type === 'truefalse') return [...head, '    answer: false'].join('\n');
  const options =
    type === 'multiple'
      ? ['      - { text: { id: Satu }, correct: true }', '      - { text: { id: Dua }, correct: true }', '      - { text: { id: Tiga } }']
      : ['      - { text: { id: Satu, en: One } }', '      - { text: { id: Dua, en: Two }, correct: true }', '      - { text: { id: Tiga, en: Three } }'];
  return [...head, '    options:', ...options, `    explanation: { id: "Penjelasan ${id}" }`].join('\n');
}

/** Eight items (four easy, four medium) for a material; the first three show each type. */
export function bankYaml(material: string, prefix: string): string {
  const items = Array.from({ length: 8 }, (_, index) =>
    itemYaml({
      id: `${prefix}-${String(index + 1).padStart(3, '0')}`,
      material,
      difficulty: index % 2 === 0 ? 'easy' : 'medium',
      type: index === 1 ? 'multiple' : index === 2 ? 'truefalse' : 'single',
    }),
  );
  return `items:\n${items.join('\n')}\n`;
}

export const COURSE_YAML = `id: etika-asn
version: "1.0.0"
title: { id: Etika ASN, en: Civil service ethics }
description: { id: Pelatihan etika aparatur, en: Ethics training for civil servants }
jp: 20
offering: { opens: 2026-12-01T00:00:00+07:00, closes: 2026-12-31T23:59:59+07:00, timeZone: Asia/Jakarta }
placement:
  title: { id: Tes Penempatan, en: Placement test }
  timeLimitMinutes: 30
  blueprint:
    - { material: integritas, count: 2 }
    - { material: pelayanan, count: 2 }
materials:
  - id: integritas
    title: { id: Integritas, en: Integrity }
    text: materials/integritas.md
    media:
      - { kind: video, title: { id: Video integritas }, href: media/integritas.mp4, minutes: 35 }
    test:
      timeLimitMinutes: 15
      blueprint:
        - { difficulty: easy, count: 1 }
        - { difficulty: medium, count: 1 }
  - id: pelayanan
    title: { id: Pelayanan publik }
    text: materials/pelayanan.md
    media:
      - { kind: video, title: { id: Video pelayanan }, href: "https://video.example.go.id/pelayanan.mp4", minutes: 40 }
    test:
      timeLimitMinutes: 15
      blueprint:
        - { difficulty: easy, count: 1 }
        - { difficulty: medium, count: 1 }
final:
  title: { id: Tes Akhir, en: Final test }
  timeLimitMinutes: 45
  blueprint:
    - { count: 4 }
bank: bank
`;

/** A small course that loads without problems or warnings. */
export function validCourseFiles(): CourseFiles {
  return {
    'course.yaml': COURSE_YAML,
    'materials/integritas.md': '## Jujur\n\nBekerja dengan jujur.\n\n![Diagram](../media/diagram.png)\n',
    'materials/integritas.en.md': '## Honest\n\nWork honestly.\n',
    'materials/pelayanan.md': 'Melayani dengan ramah.\n\n## Sikap\n\nSenyum.\n',
    'media/integritas.mp4': Buffer.from('not really a video'),
    'media/diagram.png': Buffer.from('not really a picture'),
    'bank/integritas.yaml': bankYaml('integritas', 'int'),
    'bank/pelayanan.yaml': bankYaml('pelayanan', 'pel'),
  };
}

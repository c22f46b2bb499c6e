/**
 * Browser page for the CAT player tests: a `<smart-cat-player>` driven by a
 * fake TestClient that serves a canned five-item form and scores it against
 * its own key, the way the LRS would. Like the LRS, it serves a form that
 * is still running again as resumed (remembered for the tab). Query
 * parameters: `form` (form id, default "form-1"), `limit` (seconds, default
 * 600), `lang` ("id" | "en"), `refuse` (answer the form request with a 409).
 */
import type { Answers, CourseOutline, FormItem, TestSpec } from '@smart-training/core';
import { AssessmentApiError, type FormView, type ResultView, type StatusView } from '@smart-training/runtime';
import { defineCatPlayer } from '../src/cat/define';
import type { TestClient } from '../src/cat/cat-player';

interface PageRecord {
  requests: string[];
  submissions: { formId: string; answers: Answers }[];
  events: { type: string; detail: unknown }[];
}

declare global {
  interface Window {
    catPage: PageRecord;
  }
}

const params = new URLSearchParams(location.search);
const formId = params.get('form') ?? 'form-1';
const limit = Number(params.get('limit') ?? '600');

const items: FormItem[] = [
  {
    id: 'op-001',
    type: 'single',
    stem: { id: 'Apa arti pelayanan prima?', en: 'What does excellent service mean?' },
    options: [
      { id: 'a', text: { id: 'Melayani sesuai suasana hati', en: 'Serving as one feels like' } },
      { id: 'b', text: { id: 'Melayani dengan cepat, tepat dan ramah', en: 'Serving quickly, correctly and kindly' } },
      { id: 'c', text: { id: 'Melayani hanya atasan', en: 'Serving only superiors' } },
    ],
  },
  {
    id: 'op-002',
    type: 'multiple',
    stem: { id: 'Mana saja nilai dasar BerAKHLAK?', en: 'Which are BerAKHLAK core values?' },
    options: [
      { id: 'a', text: { id: 'Akuntabel', en: 'Accountable' } },
      { id: 'b', text: { id: 'Boros', en: 'Wasteful' } },
      { id: 'c', text: { id: 'Kolaboratif', en: 'Collaborative' } },
    ],
  },
  {
    id: 'op-003',
    type: 'truefalse',
    stem: { id: 'ASN wajib menjaga kerahasiaan data warga.', en: 'Civil servants must keep citizens’ data confidential.' },
    options: [
      { id: 'true', text: { id: 'Benar', en: 'True' } },
      { id: 'false', text: { id: 'Salah', en: 'False' } },
    ],
  },
  {
    id: 'op-004',
    type: 'single',
    stem: { id: 'Keluhan warga sebaiknya…', en: 'A citizen’s complaint should be…' },
    options: [
      { id: 'a', text: { id: 'Diabaikan', en: 'Ignored' } },
      { id: 'b', text: { id: 'Ditindaklanjuti dan dijawab', en: 'Followed up and answered' } },
    ],
  },
  {
    id: 'op-005',
    type: 'multiple',
    stem: { id: 'Sikap harmonis ditunjukkan dengan…', en: 'Harmony is shown by…' },
    options: [
      { id: 'a', text: { id: 'Menghargai perbedaan', en: 'Respecting differences' } },
      { id: 'b', text: { id: 'Membantu rekan kerja', en: 'Helping colleagues' } },
      { id: 'c', text: { id: 'Menyebar gosip', en: 'Spreading gossip' } },
    ],
  },
];

const key: Answers = { 'op-001': ['b'], 'op-002': ['a', 'c'], 'op-003': ['true'], 'op-004': ['b'], 'op-005': ['a', 'b'] };

const spec = (id: string, title: TestSpec['title'], kind: TestSpec['kind'] = 'material'): TestSpec => ({
  id,
  kind,
  title,
  passMark: kind === 'placement' ? 85 : 70,
  timeLimitMinutes: limit / 60,
  maxAttempts: null,
  blueprint: [
    { difficulty: 'easy', count: 2 },
    { difficulty: 'medium', count: 3 },
  ],
});

const outline: CourseOutline = {
  id: 'berakhlak-2026',
  version: '1.0.0',
  title: { id: 'Nilai Dasar BerAKHLAK', en: 'BerAKHLAK Core Values' },
  description: { id: 'Nilai dasar ASN.' },
  jp: 20,
  offering: { opens: '2026-12-01T00:00:00+07:00', closes: '2026-12-31T23:59:59+07:00', timeZone: 'Asia/Jakarta' },
  placement: spec('placement', { id: 'Tes Penempatan', en: 'Placement test' }, 'placement'),
  materials: [
    {
      id: 'orientasi-pelayanan',
      title: { id: 'Berorientasi Pelayanan', en: 'Service Orientation' },
      html: { id: '<p>Pelayanan.</p>' },
      media: [],
      test: spec('material:orientasi-pelayanan', { id: 'Tes Berorientasi Pelayanan', en: 'Test: Service Orientation' }),
    },
    {
      id: 'akuntabel',
      title: { id: 'Akuntabel', en: 'Accountable' },
      html: { id: '<p>Akuntabel.</p>' },
      media: [],
      test: spec('material:akuntabel', { id: 'Tes Akuntabel', en: 'Test: Accountable' }),
    },
  ],
  final: spec('final', { id: 'Tes Akhir', en: 'Final test' }, 'final'),
};

const tests: StatusView['tests'] = [
  {
    testId: 'material:orientasi-pelayanan',
    kind: 'material',
    title: { id: 'Tes Berorientasi Pelayanan', en: 'Test: Service Orientation' },
    passMark: 70,
    attempts: 0,
    passed: false,
    bestScore: null,
    available: true,
  },
  {
    testId: 'material:akuntabel',
    kind: 'material',
    title: { id: 'Tes Akuntabel', en: 'Test: Accountable' },
    passMark: 70,
    attempts: 0,
    passed: false,
    bestScore: null,
    available: true,
  },
];

function score(answers: Answers): { correct: number; score: number } {
  const correct = items.filter((item) => {
    const chosen = [...(answers[item.id] ?? [])].sort().join();
    return chosen === [...key[item.id]!].sort().join();
  }).length;
  return { correct, score: Math.round((correct / items.length) * 10000) / 100 };
}

const client: TestClient = {
  async requestForm(testId) {
    window.catPage.requests.push(testId);
    if (params.has('refuse')) {
      throw new AssessmentApiError(
        409,
        'materials_not_passed',
        'The final test opens once every material test is passed. Pass the remaining material tests first.',
        'Tes akhir terbuka setelah semua tes materi lulus. Luluskan dulu tes materi yang tersisa.',
      );
    }
    const served = `cat-page:served:${formId}`;
    const resumed = sessionStorage.getItem(served) !== null;
    sessionStorage.setItem(served, 'yes');
    const startedAt = new Date();
    const form: FormView = {
      formId,
      testId,
      kind: 'material',
      title: { id: 'Tes Berorientasi Pelayanan', en: 'Test: Service Orientation' },
      attempt: 1,
      passMark: 70,
      timeLimitSeconds: limit,
      startedAt: startedAt.toISOString(),
      expiresAt: new Date(startedAt.getTime() + limit * 1000).toISOString(),
      items,
    };
    return { form, resumed };
  },
  async submitAnswers(submittedFormId, answers) {
    window.catPage.submissions.push({ formId: submittedFormId, answers });
    const { correct, score: percent } = score(answers);
    const passed = percent >= 70;
    const result: ResultView = {
      formId: submittedFormId,
      testId: 'material:orientasi-pelayanan',
      kind: 'material',
      attempt: 1,
      score: percent,
      passMark: 70,
      outcome: passed ? 'passed' : 'failed',
      correct,
      total: items.length,
      decision: passed ? 'passed' : 'failed',
      status: {
        courseId: 'berakhlak-2026',
        nip: '198503102010011001',
        name: 'Siti Rahmawati',
        status: 'in_training',
        jpCredited: 0,
        next: passed
          ? { kind: 'material', testId: 'material:akuntabel', materialId: 'akuntabel' }
          : { kind: 'remedial', testId: 'material:orientasi-pelayanan', materialId: 'orientasi-pelayanan' },
        attempts: [],
        tests,
        certificate: null,
      },
    };
    return result;
  },
};

window.catPage = { requests: [], submissions: [], events: [] };
defineCatPlayer();
const player = document.createElement('smart-cat-player');
for (const type of ['smart-test-finished', 'smart-next-step', 'smart-test-exit'] as const) {
  player.addEventListener(type, (event) => window.catPage.events.push({ type, detail: event.detail }));
}
player.lang = params.get('lang') === 'en' ? 'en' : 'id';
player.client = client;
player.outline = outline;
player.attempt = 1;
player.testId = 'material:orientasi-pelayanan';
document.body.append(player);

/**
 * Fixture of the course unit's browser tests: one express server on
 * 127.0.0.1 that plays three roles — a fake LMS page holding a SCORM 1.2
 * `API` object, the package (index.html, the unit bundle, course.json),
 * and a fake LRS answering the few /smart/v1 and /xapi calls the unit
 * makes, with canned data and scoring against its own key.
 *
 * The LMS page takes `?lang=<tag>` as the learner's
 * cmi.student_preference.language, `?suspend=<value>` as the
 * cmi.suspend_data an earlier session left, and `?au=<test id>` to launch
 * the package as that test's AU (`index.html?smart-au=<test id>`).
 *
 * The fake LRS answers CORS requests, so a package served from another
 * origin (a fake cmi5 LMS) can use it.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import express, { type Request, type Response } from 'express';
import type { Locator } from 'playwright-core';
import type { Answers, AttemptRecord, CourseOutline, FormItem, TestSpec } from '@smart-training/core';
import type { FormView, ResultView, StatusView } from '@smart-training/runtime';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export const LEARNER = { nip: '198503102010011001', name: 'Siti Rahmawati', unit: 'Biro Umum' };
const LAUNCH = { key: 'launch-key', secret: 'launch-secret' };
const SESSION = { key: 'session-key', secret: 'session-secret' };
const REGISTRATION = '6f1d3a52-8b7e-4c1a-9d2e-0a4b5c6d7e8f';

const test = (id: string, kind: TestSpec['kind'], title: TestSpec['title'], passMark: number, minutes: number): TestSpec => ({
  id,
  kind,
  title,
  passMark,
  timeLimitMinutes: minutes,
  maxAttempts: kind === 'placement' ? 1 : null,
  blueprint: [{ count: 2 }],
});

export const OUTLINE: CourseOutline = {
  id: 'berakhlak-2026',
  version: '1.0.0',
  title: { id: 'Pelatihan Nilai Dasar BerAKHLAK', en: 'BerAKHLAK Core Values Training' },
  description: { id: 'Nilai dasar ASN dalam pelayanan publik.', en: 'Civil service core values in public service.' },
  jp: 20,
  offering: { opens: '2026-12-01T00:00:00+07:00', closes: '2026-12-31T23:59:59+07:00', timeZone: 'Asia/Jakarta' },
  placement: test('placement', 'placement', { id: 'Tes Penempatan', en: 'Placement test' }, 85, 30),
  materials: [
    {
      id: 'orientasi-pelayanan',
      title: { id: 'Berorientasi Pelayanan', en: 'Service Orientation' },
      html: { id: '<p>Pelayanan publik yang <strong>prima</strong>.</p>', en: '<p>Excellent <strong>public</strong> service.</p>' },
      media: [
        { kind: 'video', title: { id: 'Video pengantar', en: 'Introductory video' }, href: 'media/pengantar.mp4', minutes: 35 },
        { kind: 'module', title: { id: 'Modul 1', en: 'Module 1' }, href: 'media/modul-1.pdf' },
      ],
      test: test('material:orientasi-pelayanan', 'material', { id: 'Tes Berorientasi Pelayanan', en: 'Service Orientation test' }, 70, 15),
    },
    {
      id: 'akuntabel',
      title: { id: 'Akuntabel', en: 'Accountable' },
      html: { id: '<p>Bertanggung jawab atas kepercayaan.</p>' },
      media: [],
      test: test('material:akuntabel', 'material', { id: 'Tes Akuntabel', en: 'Accountable test' }, 70, 15),
    },
  ],
  final: test('final', 'final', { id: 'Tes Akhir Kompetensi', en: 'Final competency test' }, 70, 45),
};

const ITEMS: FormItem[] = [
  {
    id: 'q-1',
    type: 'single',
    stem: { id: 'Pelayanan prima berarti…', en: 'Excellent service means…' },
    options: [
      { id: 'a', text: { id: 'Cepat, tepat dan ramah', en: 'Quick, correct and kind' } },
      { id: 'b', text: { id: 'Sesuai suasana hati', en: 'As one feels like' } },
    ],
  },
  {
    id: 'q-2',
    type: 'truefalse',
    stem: { id: 'Keluhan warga harus ditindaklanjuti.', en: 'Complaints must be followed up.' },
    options: [
      { id: 'true', text: { id: 'Benar', en: 'True' } },
      { id: 'false', text: { id: 'Salah', en: 'False' } },
    ],
  },
];
const KEY: Answers = { 'q-1': ['a'], 'q-2': ['true'] };

/** What the fake LRS saw. */
export interface LrsLog {
  sessions: { nip: string }[];
  verbs: string[];
  statementAuth: string[];
}

export interface UnitServer {
  origin: string;
  log: LrsLog;
  close(): Promise<void>;
}

/**
 * A unit bundle as rollup builds it, one IIFE: the lean smart-unit.js
 * (player/src/unit.ts) or, with `cmi5`, smart-unit-cmi5.js
 * (player/src/unit-cmi5.ts), which adds the cmi5 host.
 */
export async function bundleUnit({ cmi5 = false }: { cmi5?: boolean } = {}): Promise<string> {
  const result = await build({
    entryPoints: [`${root}player/src/${cmi5 ? 'unit-cmi5' : 'unit'}.ts`],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    tsconfig: `${root}tsconfig.json`,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function basic(credential: { key: string; secret: string }): string {
  return `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`;
}

function refuse(response: Response, status: number, code: string, message: string, messageId: string): void {
  response.status(status).json({ error: { code, message, message_id: messageId } });
}

/**
 * Starts the LMS page, the package and the fake LRS on one port.
 * `attempts` are the learner's attempts scored before this launch.
 */
export async function startUnitServer(options: { attempts?: AttemptRecord[] } = {}): Promise<UnitServer> {
  const script = await bundleUnit();
  const log: LrsLog = { sessions: [], verbs: [], statementAuth: [] };
  const attempts: AttemptRecord[] = [...(options.attempts ?? [])];
  const openForms = new Map<string, FormView>();
  const app = express();
  app.use((request, response, next) => {
    response.set({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version, X-Requested-With',
      'Access-Control-Allow-Methods': 'GET, POST, PUT',
    });
    if (request.method === 'OPTIONS') response.status(204).end();
    else next();
  });
  app.use(express.json());
  let origin = '';

  app.get('/lms/index.html', (_request, response) => {
    response.type('html').send(`<!doctype html><html><head><meta charset="utf-8"><title>LMS</title>
<script>
  window.API = {
    calls: [],
    data: {
      'cmi.core.student_id': '${LEARNER.nip}',
      'cmi.core.student_name': 'Rahmawati, Siti',
      'cmi.core.lesson_status': 'not attempted',
      'cmi.student_preference.language': new URLSearchParams(location.search).get('lang') ?? '',
      'cmi.suspend_data': new URLSearchParams(location.search).get('suspend') ?? '',
    },
    LMSInitialize() { this.calls.push(['LMSInitialize']); return 'true'; },
    LMSFinish() { this.calls.push(['LMSFinish']); return 'true'; },
    LMSGetValue(k) { this.calls.push(['LMSGetValue', k]); return this.data[k] ?? ''; },
    LMSSetValue(k, v) { this.calls.push(['LMSSetValue', k, v]); this.data[k] = v; return 'true'; },
    LMSCommit() { this.calls.push(['LMSCommit']); return 'true'; },
    LMSGetLastError() { return '0'; },
    LMSGetErrorString() { return 'No error'; },
    LMSGetDiagnostic() { return ''; },
  };
</script></head>
<body style="margin:0"><iframe style="width:100%;height:100vh;border:0"></iframe>
<script>
  const au = new URLSearchParams(location.search).get('au');
  document.querySelector('iframe').src = '/pkg/index.html' + (au === null ? '' : '?smart-au=' + encodeURIComponent(au));
</script></body></html>`);
  });

  app.get('/pkg/index.html', (_request, response) => {
    response.type('html').send(`<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Unit</title></head>
<body style="margin:0;background:#e9edf2"><smart-course-unit src="course.json"></smart-course-unit>
<script src="smart-unit.js"></script></body></html>`);
  });
  app.get('/pkg/smart-unit.js', (_request, response) => {
    response.type('text/javascript').send(script);
  });
  app.get('/pkg/course.json', (_request, response) => {
    response.json({ outline: OUTLINE, lrs: { endpoint: origin, ...LAUNCH } });
  });

  const needs = (credential: { key: string; secret: string }) => (request: Request, response: Response, next: () => void) => {
    if (request.get('authorization') === basic(credential)) next();
    else refuse(response, 401, 'bad_credential', 'Wrong credential for this call.', 'Kredensial salah untuk panggilan ini.');
  };

  app.post('/smart/v1/sessions', needs(LAUNCH), (request, response) => {
    const { courseId, nip } = request.body as { courseId: string; nip: string };
    log.sessions.push({ nip });
    if (courseId !== OUTLINE.id) {
      refuse(response, 404, 'unknown_course', `Course "${courseId}" is not published.`, `Pelatihan "${courseId}" belum diterbitkan.`);
      return;
    }
    if (nip !== LEARNER.nip) {
      refuse(
        response,
        404,
        'unknown_nip',
        `NIP ${nip} is not in the employee registry. Check the number or ask your HR office to register it.`,
        `NIP ${nip} tidak terdaftar dalam data pegawai. Periksa kembali NIP Anda atau minta bagian kepegawaian mendaftarkannya.`,
      );
      return;
    }
    response.status(201).json({
      sessionId: 'session-1',
      ...SESSION,
      learner: LEARNER,
      status: statusOf(attempts),
      registration: REGISTRATION,
    });
  });

  app.get('/smart/v1/session/status', needs(SESSION), (_request, response) => {
    response.json(statusOf(attempts));
  });

  app.post('/smart/v1/forms', needs(SESSION), (request, response) => {
    const { testId } = request.body as { testId: string };
    const spec = specOf(testId)!;
    const startedAt = new Date();
    const form: FormView = {
      formId: `form-${openForms.size + 1}`,
      testId,
      kind: spec.kind,
      title: spec.title,
      attempt: attempts.filter((a) => a.testId === testId).length + 1,
      passMark: spec.passMark,
      timeLimitSeconds: spec.timeLimitMinutes * 60,
      startedAt: startedAt.toISOString(),
      expiresAt: new Date(startedAt.getTime() + spec.timeLimitMinutes * 60_000).toISOString(),
      items: ITEMS,
    };
    openForms.set(form.formId, form);
    response.status(201).json(form);
  });

  app.post('/smart/v1/forms/:formId/answers', needs(SESSION), (request, response) => {
    const form = openForms.get(request.params.formId as string)!;
    const answers = (request.body as { answers: Answers }).answers;
    const correct = ITEMS.filter((item) => (answers[item.id] ?? []).join() === KEY[item.id]!.join()).length;
    const score = Math.round((correct / ITEMS.length) * 10000) / 100;
    const outcome = score >= form.passMark ? 'passed' : 'failed';
    attempts.push({ testId: form.testId, kind: form.kind, attempt: form.attempt, score, outcome, at: new Date().toISOString() });
    const result: ResultView = {
      formId: form.formId,
      testId: form.testId,
      kind: form.kind,
      attempt: form.attempt,
      score,
      passMark: form.passMark,
      outcome,
      correct,
      total: ITEMS.length,
      decision: outcome,
      status: statusOf(attempts),
    };
    response.json(result);
  });

  const statements = (request: Request, response: Response) => {
    const body = request.body as { verb?: { id: string } } | { verb?: { id: string } }[];
    for (const statement of Array.isArray(body) ? body : [body]) log.verbs.push(statement.verb?.id ?? '');
    log.statementAuth.push(request.get('authorization') ?? '');
    response.status(request.method === 'PUT' ? 204 : 200).json(request.method === 'PUT' ? undefined : ['id']);
  };
  app.post('/xapi/statements', statements);
  app.put('/xapi/statements', statements);

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    log,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** Also the session credential's header, for checks on what the unit sent. */
export const SESSION_AUTH = basic(SESSION);

function specOf(testId: string): TestSpec | undefined {
  return [OUTLINE.placement, ...OUTLINE.materials.map((m) => m.test), OUTLINE.final].find((t) => t.id === testId);
}

/** A small version of the LRS's rules, enough for the outline to show real states. */
function statusOf(attempts: AttemptRecord[]): StatusView {
  const passed = (testId: string) => attempts.some((a) => a.testId === testId && a.outcome === 'passed');
  const materialsPassed = OUTLINE.materials.every((m) => passed(m.test.id));
  const tests = [OUTLINE.placement, ...OUTLINE.materials.map((m) => m.test), OUTLINE.final].map((spec) => {
    const mine = attempts.filter((a) => a.testId === spec.id);
    const available =
      spec.kind === 'placement' ? attempts.length === 0 : spec.kind === 'final' ? materialsPassed : !passed(spec.id);
    return {
      testId: spec.id,
      kind: spec.kind,
      title: spec.title,
      passMark: spec.passMark,
      attempts: mine.length,
      passed: passed(spec.id),
      bestScore: mine.length === 0 ? null : Math.max(...mine.map((a) => a.score)),
      available,
      ...(available
        ? {}
        : {
            reason: {
              code: spec.kind === 'final' ? ('materials_not_passed' as const) : ('placement_after_training' as const),
              testId: spec.id,
              message:
                spec.kind === 'final'
                  ? { id: 'Luluskan dulu semua tes materi.', en: 'Pass every material test first.' }
                  : { id: 'Tes penempatan hanya sebelum pelatihan.', en: 'The placement test comes before the training only.' },
            },
          }),
    };
  });
  const firstOpen = OUTLINE.materials.find((m) => !passed(m.test.id));
  const waivedBy = attempts.find((a) => a.testId === 'placement' && a.outcome === 'passed');
  if (waivedBy !== undefined) {
    return {
      courseId: OUTLINE.id,
      nip: LEARNER.nip,
      name: LEARNER.name,
      status: 'waived',
      jpCredited: OUTLINE.jp,
      next: { kind: 'certificate' },
      attempts,
      tests: tests.map((entry) => ({
        ...entry,
        available: false,
        reason: {
          code: 'already_certified' as const,
          message: { id: 'Anda sudah kompeten.', en: 'You are already competent.' },
        },
      })),
      certificate: { number: 'STTPL/2026/000123', issuedAt: waivedBy.at, basis: 'placement' },
    };
  }
  return {
    courseId: OUTLINE.id,
    nip: LEARNER.nip,
    name: LEARNER.name,
    status: attempts.length === 0 ? 'not_started' : 'in_training',
    jpCredited: 0,
    next:
      attempts.length === 0
        ? { kind: 'placement', testId: 'placement' }
        : firstOpen !== undefined
          ? { kind: 'material', testId: firstOpen.test.id, materialId: firstOpen.id }
          : { kind: 'final', testId: 'final' },
    attempts,
    tests,
    certificate: null,
  };
}

/**
 * Takes the two-item test shown in `player` from its intro to the result
 * screen: q-2 right, q-1 right ("a", score 100) or wrong ("b", score 50).
 */
export async function takeTest(player: Locator, firstAnswer: 'a' | 'b'): Promise<void> {
  await player.locator('[data-action="start"]').click();
  await player.locator(`input[data-item-id="q-1"][data-option-id="${firstAnswer}"]`).check();
  await player.locator('[data-action="next"]').click();
  await player.locator('input[data-item-id="q-2"][data-option-id="true"]').check();
  await player.locator('[data-action="review"]').first().click();
  await player.locator('[data-action="submit"]').click();
  await player.locator('[data-action="confirm-submit"]').click();
  await player.locator('[data-score]').waitFor();
}

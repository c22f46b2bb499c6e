import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { CourseOutline } from '@smart-training/core';
import type { CourseListing, LearnerRow, OfferingSummary, StatusView } from '@smart-training/runtime';

export const ADMIN = { key: 'admin', secret: 'rahasia-admin' };
const ADMIN_AUTH = `Basic ${Buffer.from(`${ADMIN.key}:${ADMIN.secret}`).toString('base64')}`;

export const COURSES: CourseListing[] = [
  { id: 'berakhlak-2026', version: '1.0.0', title: { id: 'Nilai Dasar BerAKHLAK', en: 'BerAKHLAK Core Values' }, jp: 20, items: 120 },
];

const spec = (id: string, kind: 'placement' | 'final', title: string) => ({
  id,
  kind,
  title: { id: title },
  passMark: kind === 'placement' ? 85 : 70,
  timeLimitMinutes: 30,
  maxAttempts: kind === 'placement' ? 1 : null,
  blueprint: [{ count: 10 }],
});

/** The course as `GET /smart/v1/courses/:id` serves it; only the offering matters to the console. */
export const OUTLINE: CourseOutline = {
  id: 'berakhlak-2026',
  version: '1.0.0',
  title: COURSES[0]!.title,
  description: { id: 'Nilai dasar ASN.' },
  jp: 20,
  offering: { opens: '2026-12-01T00:00:00+07:00', closes: '2026-12-31T23:59:59+07:00', timeZone: 'Asia/Jakarta' },
  placement: spec('placement', 'placement', 'Tes Penempatan'),
  materials: [],
  final: spec('final', 'final', 'Tes Akhir'),
};

export const SUMMARY: OfferingSummary = {
  courseId: 'berakhlak-2026',
  enrolled: 1234,
  placementTaken: 800,
  waivedByPlacement: 96,
  inTraining: 700,
  competent: 410,
  notYetCompetent: 28,
  remedialRetakes: 315,
  materials: [
    { materialId: 'orientasi-pelayanan', title: { id: 'Berorientasi Pelayanan', en: 'Service Orientation' }, passed: 612, attempts: 901, remedialRetakes: 289 },
  ],
};

export const STATUS: StatusView = {
  courseId: 'berakhlak-2026',
  nip: '198503302010011002',
  name: 'Siti Rahmawati',
  status: 'in_training',
  jpCredited: 0,
  next: { kind: 'remedial', testId: 'material:orientasi-pelayanan', materialId: 'orientasi-pelayanan' },
  attempts: [
    { testId: 'placement', kind: 'placement', attempt: 1, score: 60, outcome: 'failed', at: '2026-12-01T08:00:00+07:00' },
    { testId: 'material:orientasi-pelayanan', kind: 'material', attempt: 1, score: 65.5, outcome: 'failed', at: '2026-12-02T10:00:00+07:00' },
    { testId: 'material:orientasi-pelayanan', kind: 'material', attempt: 2, score: 80, outcome: 'passed', at: '2026-12-03T09:15:00+07:00' },
  ],
  tests: [
    { testId: 'placement', kind: 'placement', title: { id: 'Tes Penempatan', en: 'Placement test' }, passMark: 85, attempts: 1, passed: false, bestScore: 60, available: false },
    { testId: 'material:orientasi-pelayanan', kind: 'material', title: { id: 'Tes Berorientasi Pelayanan', en: 'Service Orientation test' }, passMark: 70, attempts: 2, passed: true, bestScore: 80, available: false },
    { testId: 'final', kind: 'final', title: { id: 'Tes Akhir', en: 'Final test' }, passMark: 70, attempts: 0, passed: false, bestScore: null, available: true },
  ],
  certificate: null,
};

export const LEARNERS: LearnerRow[] = [
  {
    nip: STATUS.nip,
    name: STATUS.name,
    unit: 'Biro Umum',
    status: 'in_training',
    jpCredited: 0,
    attempts: STATUS.attempts,
    lastActivityAt: '2026-12-03T09:15:00+07:00',
  },
];

const UNAUTHORISED = {
  error: {
    code: 'bad_credential',
    message: 'The key and secret do not match an admin credential. Check them and sign in again.',
    message_id: 'Kunci dan rahasia tidak cocok dengan kredensial admin. Periksa lalu masuk kembali.',
  },
};

/** The console bundle as rollup would build it, from the same entry. */
async function consoleBundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/console/console-app.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
  });
  return result.outputFiles[0]!.text;
}

/**
 * A stand-in for the LRS serving canned /smart/v1 answers to the admin
 * credential, and the console page itself at /console/. Like the LRS, it
 * asks for a browser login (WWW-Authenticate) on a 401 only when the call
 * does not say it comes from a script (X-Requested-With).
 */
export async function startFakeLrs() {
  const bundle = await consoleBundle();
  /** The X-Requested-With header of every /smart/v1 call, "" when absent. */
  const requestedWith: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown, type = 'application/json') => {
      const fromScript = request.headers['x-requested-with'] === 'XMLHttpRequest';
      response.writeHead(status, {
        'Content-Type': type,
        ...(status === 401 && !fromScript ? { 'WWW-Authenticate': 'Basic realm="SMART LRS"' } : {}),
      });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname.startsWith('/smart/v1/')) requestedWith.push(String(request.headers['x-requested-with'] ?? ''));
    if (url.pathname === '/console/') {
      return send(200, '<!doctype html><meta charset="utf-8"><title>Konsol</title><script type="module" src="/console/console.js"></script><smart-console></smart-console>', 'text/html');
    }
    if (url.pathname === '/console/console.js') return send(200, bundle, 'text/javascript');
    if (request.headers.authorization !== ADMIN_AUTH) return send(401, UNAUTHORISED);
    if (url.pathname === '/smart/v1/courses') return send(200, COURSES);
    if (url.pathname === '/smart/v1/courses/berakhlak-2026') return send(200, OUTLINE);
    if (url.pathname === '/smart/v1/offerings/berakhlak-2026/summary') return send(200, SUMMARY);
    if (url.pathname === '/smart/v1/offerings/berakhlak-2026/learners') return send(200, LEARNERS);
    if (url.pathname === `/smart/v1/learners/${STATUS.nip}/status` && url.searchParams.get('courseId') === 'berakhlak-2026') {
      return send(200, STATUS);
    }
    return send(404, { error: { code: 'not_found', message: 'Not found.', message_id: 'Tidak ditemukan.' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requestedWith,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

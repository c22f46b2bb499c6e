import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { authenticate, requireScope, storeOf } from '../auth';
import type { Clock } from '../clock';
import { NEEDED } from '../scopes';
import { parseBody } from '../smart/request-body';
import type { Store, StoreRoot } from '../store/types';
import { UnknownRegistrationError } from './errors';
import { judgeRegistration } from './judge';
import { fetchAuthToken, launchAu } from './launch';
import { readRegistration } from './records';

export interface Cmi5RouterOptions {
  root: StoreRoot;
  clock: Clock;
  bodyLimit: string;
  /** Folder of hosted packages; a launch may name a package in it that has cmi5.xml. */
  packagesDir?: string;
}

const evaluateRequest = z.object({ sessionId: z.uuid().optional() }).strict();

/**
 * The LRS as the LMS of cmi5 packages (`/host/cmi5`):
 *
 * - `POST /launches` (admin): `{package | courseStructure, nip, auId, returnUrl?}`
 *   → `201 LaunchView` with the AU's launch URL;
 * - `POST /fetch/:token` (no credential: the token is the credential): the
 *   AU's auth token once, `{"auth-token": …}`, the cmi5 error object after;
 * - `POST /registrations/:registration/evaluate` (admin): `{sessionId?}`
 *   → `200 Judgement`, issuing what is due (waived, satisfied) once;
 * - `GET /return/:store/:registration/:sessionId` (no credential): the
 *   returnURL of LMS.LaunchData. The AU goes there when it terminates; the
 *   LMS judges the session and sends the learner to the launch's
 *   `returnUrl`, or shows that the session is over. Judging only records
 *   what the stored statements justify, so anyone may trigger it.
 *
 * @example
 * app.use('/host/cmi5', cmi5Router({ root, clock, bodyLimit: '5mb', packagesDir }));
 */
export function cmi5Router({ root, clock, bodyLimit, packagesDir }: Cmi5RouterOptions): Router {
  const router = Router();

  router.post('/fetch/:token', async (req, res) => {
    // cmi5 8.2.1: 200 and JSON, error or not; never cached.
    res.set('Cache-Control', 'no-store');
    res.json(await fetchAuthToken(root, clock, req.params.token as string));
  });

  router.get('/return/:storeId/:registration/:sessionId', async (req, res) => {
    const { storeId, registration, sessionId } = req.params as Record<string, string>;
    let store: Store;
    try {
      store = root.store(storeId);
    } catch {
      throw new UnknownRegistrationError(registration);
    }
    const record = await readRegistration(store, registration);
    const session = record?.sessions.find((entry) => entry.id === sessionId);
    if (!session) throw new UnknownRegistrationError(registration);
    await judgeRegistration({ root, store, clock }, registration, sessionId);
    if (session.returnUrl !== null) {
      res.redirect(303, session.returnUrl);
      return;
    }
    res.type('html').send(SESSION_OVER_PAGE);
  });

  router.use(authenticate(root), express.json({ limit: bodyLimit }), requireScope(NEEDED.smartAdmin));
  router.post('/launches', async (req, res) => {
    const store = storeOf(res);
    res.status(201).json(await launchAu({ root, store, clock, packagesDir, origin: originOf(req) }, req.body));
  });
  router.post('/registrations/:registration/evaluate', async (req, res) => {
    const { sessionId } = parseBody(evaluateRequest, req.body ?? {}, {
      code: 'invalid_request',
      field: { en: 'property', id: 'properti' },
      expected: { en: 'JSON {"sessionId"?}', id: 'JSON {"sessionId"?}' },
    });
    const context = { root, store: storeOf(res), clock };
    res.json(await judgeRegistration(context, req.params.registration as string, sessionId));
  });
  return router;
}

/** What a learner sees after an AU session when the launch named no page to return to. */
const SESSION_OVER_PAGE = `<!doctype html>
<html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Sesi selesai</title>
<main style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
  <h1>Sesi selesai</h1>
  <p>Hasil Anda sudah tercatat. Anda dapat menutup halaman ini.</p>
  <p lang="en">Session finished: your results are recorded. You may close this page.</p>
</main>
</html>
`;

function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

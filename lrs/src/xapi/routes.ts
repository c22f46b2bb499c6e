import { Router } from 'express';
import { authenticate } from '../auth';
import type { Clock } from '../clock';
import type { StoreRoot } from '../store/types';
import { activitiesRouter } from './activities';
import { agentsRouter } from './agents';
import { documentsRouter } from './documents';
import { markConsistency, statementsRouter } from './statement-routes';
import { announceVersion, requireXapiVersion, SUPPORTED_VERSIONS, type XapiVersion } from './version';

export interface XapiRouterOptions {
  /** Credentials are looked up here; each request then works in its credential's store. */
  root: StoreRoot;
  clock: Clock;
  bodyLimit: string;
  /** Largest accepted multipart/mixed statements request. */
  attachmentLimit: string;
  /** The version named in answers to requests that name none. */
  defaultVersion: XapiVersion;
}

/**
 * The xAPI resources, under 1.0.3 or 2.0 rules as each request's
 * X-Experience-API-Version asks: `/about` (public), then `/statements`, the
 * document resources, `/agents` and `/activities`, each call allowed by the
 * xAPI scopes of the caller's credential (see scopes.ts) and confined to the
 * credential's store. A learner session sees and writes only its own learner.
 */
export function xapiRouter({ root, clock, bodyLimit, attachmentLimit, defaultVersion }: XapiRouterOptions): Router {
  const router = Router();
  router.use(announceVersion(defaultVersion));
  router.use('/statements', markConsistency(clock));

  router.get('/about', (_req, res) => {
    res.json({ version: SUPPORTED_VERSIONS, extensions: {} });
  });

  router.use(requireXapiVersion, authenticate(root));
  router.use(statementsRouter({ clock, bodyLimit, attachmentLimit }));
  router.use(documentsRouter({ clock, bodyLimit }));
  router.use(agentsRouter());
  router.use(activitiesRouter());

  return router;
}

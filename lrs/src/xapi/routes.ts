import { Router } from 'express';
import { allow, authenticate } from '../auth';
import type { Clock } from '../clock';
import type { Store } from '../store/types';
import { activitiesRouter } from './activities';
import { agentsRouter } from './agents';
import { documentsRouter } from './documents';
import { markConsistency, statementsRouter } from './statement-routes';
import { announceVersion, requireXapiVersion, SUPPORTED_VERSIONS, type XapiVersion } from './version';

export interface XapiRouterOptions {
  store: Store;
  clock: Clock;
  bodyLimit: string;
  /** The version named in answers to requests that name none. */
  defaultVersion: XapiVersion;
}

/**
 * The xAPI resources, under 1.0.3 or 2.0 rules as each request's
 * X-Experience-API-Version asks: `/about` (public), `/statements` (admin and
 * session credentials; a session sees and writes only its own learner), the
 * document resources (a session: its own learner's state only), `/agents`
 * and `/activities` (admin).
 */
export function xapiRouter({ store, clock, bodyLimit, defaultVersion }: XapiRouterOptions): Router {
  const router = Router();
  router.use(announceVersion(defaultVersion));
  router.use('/statements', markConsistency(clock));

  router.get('/about', (_req, res) => {
    res.json({ version: SUPPORTED_VERSIONS, extensions: {} });
  });

  router.use(requireXapiVersion, authenticate(store), allow('admin', 'session'));
  router.use(statementsRouter({ store, clock, bodyLimit }));
  router.use(documentsRouter({ store, clock, bodyLimit }));
  router.use(agentsRouter({ store }));
  router.use(activitiesRouter({ store }));

  return router;
}

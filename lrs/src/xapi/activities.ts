import { Router } from 'express';
import { principalOf } from '../auth';
import { WrongCredentialKindError } from '../errors';
import type { Store } from '../store/types';
import { activityIdParam, singleParams } from './document-params';

/**
 * `GET /activities` (xAPI 1.0.3 Communication 2.5): the Activity with the
 * definition merged from every stored statement that defines it. An activity
 * no statement defined is still answered, with its id alone, as xAPI 2.0
 * asks. Admin credentials only.
 */
export function activitiesRouter({ store }: { store: Store }): Router {
  const router = Router();
  router.get('/activities', async (req, res) => {
    const principal = principalOf(res);
    if (principal.kind !== 'admin') throw new WrongCredentialKindError(principal.kind, ['admin']);
    const activityId = activityIdParam(singleParams(req.query as Record<string, unknown>, ['activityId']));
    const definition = await store.getActivityDefinition(activityId);
    res.json({ objectType: 'Activity', id: activityId, ...(definition ? { definition } : {}) });
  });
  return router;
}

import { Router } from 'express';
import { requireScope, storeOf } from '../auth';
import { NEEDED } from '../scopes';
import { activityIdParam, singleParams } from './document-params';

/**
 * `GET /activities` (xAPI 1.0.3 Communication 2.5): the Activity with the
 * definition merged from every stored statement that defines it. An activity
 * no statement defined is still answered, with its id alone, as xAPI 2.0
 * asks. Needs a scope that reads every statement.
 */
export function activitiesRouter(): Router {
  const router = Router();
  router.get('/activities', requireScope(NEEDED.readDefinitions), async (req, res) => {
    const activityId = activityIdParam(singleParams(req.query as Record<string, unknown>, ['activityId']));
    const definition = await storeOf(res).getActivityDefinition(activityId);
    res.json({ objectType: 'Activity', id: activityId, ...(definition ? { definition } : {}) });
  });
  return router;
}

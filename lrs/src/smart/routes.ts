import express, { Router, type Response } from 'express';
import { authenticate, principalOf, requireLearner, requireScope, storeOf } from '../auth';
import type { Clock } from '../clock';
import { NEEDED } from '../scopes';
import type { StoreRoot } from '../store/types';
import { courseOutline, listCourses, publishCourse } from './courses';
import type { EngineContext } from './forms';
import { requestForm, submitAnswers } from './forms';
import { learnerStatus, openSession, wellFormedNip, type LearnerRef } from './learners';
import { offeringLearners, offeringSummary } from './offering';
import { upsertRegistry } from './registry';
import { InvalidRequestError } from '../errors';

export interface SmartRouterOptions {
  /** Credentials are looked up here; each request then works in its credential's store. */
  root: StoreRoot;
  clock: Clock;
  bodyLimit: string;
}

/**
 * The SMART assessment API (`/smart/v1`), as tabled in docs/ARCHITECTURE.md:
 * the admin calls need `smart/admin`, opening a session `smart/launch` (or
 * `smart/admin`), and the learner calls a learner's session credential. Each
 * call works in the store of its credential.
 */
export function smartRouter({ root, clock, bodyLimit }: SmartRouterOptions): Router {
  const router = Router();
  router.use(authenticate(root), express.json({ limit: bodyLimit }));
  const admin = requireScope(NEEDED.smartAdmin);
  const engine = (res: Response): EngineContext => ({ store: storeOf(res), clock });

  router.put('/courses/:courseId', admin, async (req, res) => {
    res.json(await publishCourse(storeOf(res), clock, req.params.courseId as string, req.body));
  });
  router.get('/courses', admin, async (_req, res) => {
    res.json(await listCourses(storeOf(res)));
  });
  router.get('/courses/:courseId', admin, async (req, res) => {
    res.json(await courseOutline(storeOf(res), req.params.courseId as string));
  });
  router.put('/registry', admin, async (req, res) => {
    res.json(await upsertRegistry(storeOf(res), req.body));
  });

  router.post('/sessions', requireScope(NEEDED.openSession), async (req, res) => {
    res.status(201).json(await openSession(storeOf(res), clock, principalOf(res), req.body));
  });
  router.get('/session/status', requireLearner, async (_req, res) => {
    res.json(await learnerStatus(storeOf(res), clock, sessionLearner(res)));
  });
  router.post('/forms', requireLearner, async (req, res) => {
    const { form, resumed } = await requestForm(engine(res), sessionLearner(res), req.body);
    res.status(resumed ? 200 : 201).json(form);
  });
  router.post('/forms/:formId/answers', requireLearner, async (req, res) => {
    res.json(await submitAnswers(engine(res), sessionLearner(res), req.params.formId as string, req.body));
  });

  router.get('/learners/:nip/status', admin, async (req, res) => {
    const { courseId } = req.query;
    if (typeof courseId !== 'string' || courseId === '') {
      throw new InvalidRequestError(
        'give the course as the courseId query parameter',
        'sebutkan pelatihan pada parameter courseId',
      );
    }
    const nip = wellFormedNip(req.params.nip as string);
    res.json(await learnerStatus(storeOf(res), clock, { courseId, nip }));
  });
  router.get('/offerings/:courseId/summary', admin, async (req, res) => {
    res.json(await offeringSummary(storeOf(res), req.params.courseId as string));
  });
  router.get('/offerings/:courseId/learners', admin, async (req, res) => {
    res.json(await offeringLearners(storeOf(res), req.params.courseId as string));
  });
  return router;
}

function sessionLearner(res: Response): LearnerRef {
  const { learner } = principalOf(res);
  if (learner === null) throw new Error('learner routes are guarded by requireLearner');
  return learner;
}

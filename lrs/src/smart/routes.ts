import express, { Router, type Response } from 'express';
import { allow, authenticate, principalOf } from '../auth';
import type { Clock } from '../clock';
import type { Store } from '../store/types';
import { courseOutline, listCourses, publishCourse } from './courses';
import { requestForm, submitAnswers } from './forms';
import { learnerStatus, openSession, wellFormedNip, type LearnerRef } from './learners';
import { offeringLearners, offeringSummary } from './offering';
import { upsertRegistry } from './registry';
import { InvalidRequestError } from '../errors';

export interface SmartRouterOptions {
  store: Store;
  clock: Clock;
  bodyLimit: string;
}

/** The SMART assessment API (`/smart/v1`), as tabled in docs/ARCHITECTURE.md. */
export function smartRouter({ store, clock, bodyLimit }: SmartRouterOptions): Router {
  const router = Router();
  const ctx = { store, clock };
  router.use(authenticate(store), express.json({ limit: bodyLimit }));
  const admin = allow('admin');
  const session = allow('session');

  router.put('/courses/:courseId', admin, async (req, res) => {
    res.json(await publishCourse(store, clock, req.params.courseId as string, req.body));
  });
  router.get('/courses', admin, async (_req, res) => {
    res.json(await listCourses(store));
  });
  router.get('/courses/:courseId', admin, async (req, res) => {
    res.json(await courseOutline(store, req.params.courseId as string));
  });
  router.put('/registry', admin, async (req, res) => {
    res.json(await upsertRegistry(store, req.body));
  });

  router.post('/sessions', allow('launch', 'admin'), async (req, res) => {
    res.status(201).json(await openSession(store, clock, principalOf(res), req.body));
  });
  router.get('/session/status', session, async (_req, res) => {
    res.json(await learnerStatus(store, clock, sessionLearner(res)));
  });
  router.post('/forms', session, async (req, res) => {
    const { form, resumed } = await requestForm(ctx, sessionLearner(res), req.body);
    res.status(resumed ? 200 : 201).json(form);
  });
  router.post('/forms/:formId/answers', session, async (req, res) => {
    res.json(await submitAnswers(ctx, sessionLearner(res), req.params.formId as string, req.body));
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
    res.json(await learnerStatus(store, clock, { courseId, nip }));
  });
  router.get('/offerings/:courseId/summary', admin, async (req, res) => {
    res.json(await offeringSummary(store, req.params.courseId as string));
  });
  router.get('/offerings/:courseId/learners', admin, async (req, res) => {
    res.json(await offeringLearners(store, req.params.courseId as string));
  });
  return router;
}

function sessionLearner(res: Response): LearnerRef {
  const principal = principalOf(res);
  if (principal.kind !== 'session') throw new Error('session routes are guarded by allow("session")');
  return { courseId: principal.courseId, nip: principal.nip };
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  assembleForm,
  attemptsAt,
  checkCanStart,
  findTest,
  outcomeFor,
  scoreForm,
  type Answers,
  type AttemptRecord,
  type Course,
  type FormScore,
  type FormView,
  type Item,
  type ResultView,
  type TestSpec,
} from '@smart-training/core';
import type { Clock } from '../clock';
import {
  FormAlreadySubmittedError,
  FormNotYoursError,
  RuleViolationError,
  TestInProgressError,
  TimeLimitPassedError,
  UnknownFormError,
} from '../errors';
import {
  DuplicateFormAttemptError,
  FormNotOpenError,
  type EnrolmentRecord,
  type FormRecord,
  type Store,
} from '../store/types';
import { engineRecords } from '../xapi/statements';
import { requireCourse } from './courses';
import { attemptStatements, certificateRequest, certifies, decisionFor } from './decisions';
import { requireEmployee, requireEnrolment, type LearnerRef } from './learners';
import { parseBody, type BodyShape } from './request-body';
import { statusView } from './status';

/** Network grace after a form's deadline before a submission counts as late. */
export const SUBMISSION_GRACE_MS = 30_000;

export interface EngineContext {
  store: Store;
  clock: Clock;
}

const formRequest = z.object({ testId: z.string().min(1) });
const FORM_BODY: BodyShape = {
  code: 'invalid_request',
  field: { en: 'property', id: 'properti' },
  expected: { en: 'JSON {"testId": …}', id: 'JSON {"testId": …}' },
};
const answersRequest = z.object({ answers: z.record(z.string(), z.array(z.string())) });
const ANSWERS_BODY: BodyShape = {
  code: 'invalid_request',
  field: { en: 'property', id: 'properti' },
  expected: {
    en: 'JSON {"answers": {"<item id>": ["<option id>", …]}}',
    id: 'JSON {"answers": {"<id soal>": ["<id pilihan>", …]}}',
  },
};

/**
 * Serves the learner a form for a test: the one still running (a reload
 * resumes it), or a new one assembled for this learner and attempt when the
 * rules allow. A form left running past its deadline is first closed as a
 * failed attempt.
 */
export async function requestForm(
  ctx: EngineContext,
  learner: LearnerRef,
  body: unknown,
): Promise<{ form: FormView; resumed: boolean }> {
  const { testId } = parseBody(formRequest, body, FORM_BODY);
  const course = await requireCourse(ctx.store, learner.courseId);
  const enrolment = await requireEnrolment(ctx.store, learner);
  const now = ctx.clock.now();

  // Forms left running past their deadline count as failed attempts before
  // anything else is decided, whichever test they belong to.
  const live: FormRecord[] = [];
  for (const open of await ctx.store.listOpenForms(learner.courseId, learner.nip)) {
    if (isLate(open, now)) await closeLateForm(ctx, course, enrolment, open, null, now);
    else live.push(open);
  }
  const running = live.find((open) => open.testId === testId);
  if (running) return { form: running.served as FormView, resumed: true };
  // One test at a time: otherwise a placement form could be kept open while
  // the training starts, and submitted afterwards.
  const other = live[0];
  if (other) throw new TestInProgressError(other.testId, other.expiresAt);

  const attempts = await ctx.store.listAttempts(learner.courseId, learner.nip);
  const violation = checkCanStart(course, attempts, testId, now);
  if (violation) throw new RuleViolationError(violation);
  const test = findTest(course, testId) as TestSpec;

  const form = await assemble(ctx, course, test, learner, attempts, now);
  try {
    await ctx.store.insertForm(form);
  } catch (error) {
    // A parallel request (a double click) stored this attempt's form first: resume that one.
    if (!(error instanceof DuplicateFormAttemptError)) throw error;
    const open = await ctx.store.listOpenForms(learner.courseId, learner.nip);
    const winner = open.find((candidate) => candidate.testId === testId);
    if (!winner) throw error;
    return { form: winner.served as FormView, resumed: true };
  }
  return { form: form.served as FormView, resumed: false };
}

/** Assembles a new form, preferring items the learner has not seen and items fewer learners got. */
async function assemble(
  ctx: EngineContext,
  course: Course,
  test: TestSpec,
  learner: LearnerRef,
  attempts: AttemptRecord[],
  now: Date,
): Promise<FormRecord> {
  const seenByLearner = await ctx.store.itemsSeenByLearner(learner.courseId, learner.nip, test.id);
  const exposure = await ctx.store.itemExposure(learner.courseId);
  const seed = randomUUID();
  const assembled = assembleForm({ bank: course.bank, test, seed, seenByLearner, exposure });

  const bankById = new Map(course.bank.map((item) => [item.id, item]));
  const formId = randomUUID();
  const attempt = attemptsAt(attempts, test.id).length + 1;
  const timeLimitSeconds = Math.round(test.timeLimitMinutes * 60);
  const startedAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + timeLimitSeconds * 1000).toISOString();
  const view: FormView = {
    formId,
    testId: test.id,
    kind: test.kind,
    title: test.title,
    attempt,
    passMark: test.passMark,
    timeLimitSeconds,
    startedAt,
    expiresAt,
    items: assembled.items,
  };
  return {
    id: formId,
    courseId: course.id,
    nip: learner.nip,
    testId: test.id,
    attempt,
    seed,
    itemIds: assembled.itemIds,
    keyedItems: assembled.itemIds.map((itemId) => bankById.get(itemId) as Item),
    served: view,
    startedAt,
    expiresAt,
    status: 'open',
    answers: null,
    closedAt: null,
  };
}

/**
 * Scores the learner's answers to their form and records the attempt, its
 * statements and any certificate in one transaction; answers the result,
 * the decision and the learner's new status.
 */
export async function submitAnswers(
  ctx: EngineContext,
  learner: LearnerRef,
  formId: string,
  body: unknown,
): Promise<ResultView> {
  const form = await requireOwnOpenForm(ctx.store, learner, formId);
  const course = await requireCourse(ctx.store, learner.courseId);
  const enrolment = await requireEnrolment(ctx.store, learner);
  const now = ctx.clock.now();

  if (isLate(form, now)) {
    const late = answersRequest.safeParse(body);
    const lateAnswers = late.success ? late.data.answers : null;
    await closeLateForm(ctx, course, enrolment, form, lateAnswers, now);
    throw new TimeLimitPassedError(form.id, form.expiresAt);
  }
  const { answers } = parseBody(answersRequest, body, ANSWERS_BODY);
  const scored = scoreForm(form.keyedItems, answers);
  return recordAttempt(ctx, course, enrolment, form, { status: 'submitted', answers, scored }, now);
}

async function requireOwnOpenForm(store: Store, learner: LearnerRef, formId: string): Promise<FormRecord> {
  const form = await store.getForm(formId);
  if (!form) throw new UnknownFormError(formId);
  if (form.nip !== learner.nip || form.courseId !== learner.courseId) throw new FormNotYoursError(formId);
  if (form.status === 'submitted') throw new FormAlreadySubmittedError(formId);
  if (form.status === 'expired') throw new TimeLimitPassedError(formId, form.expiresAt);
  return form;
}

/** Closes a form whose time ran out as a failed attempt with score 0. */
async function closeLateForm(
  ctx: EngineContext,
  course: Course,
  enrolment: EnrolmentRecord,
  form: FormRecord,
  answers: Answers | null,
  now: Date,
): Promise<void> {
  try {
    await recordAttempt(ctx, course, enrolment, form, { status: 'expired', answers, scored: null }, now);
  } catch (error) {
    // A parallel request closed it already; the attempt is recorded either way.
    if (!(error instanceof FormNotOpenError)) throw error;
  }
}

interface Closing {
  status: 'submitted' | 'expired';
  answers: Answers | null;
  /** Null when the form ran out of time: nothing is scored, the score is 0. */
  scored: FormScore | null;
}

/** Decide, build the statements and the certificate, and store it all at once. */
async function recordAttempt(
  ctx: EngineContext,
  course: Course,
  enrolment: EnrolmentRecord,
  form: FormRecord,
  closing: Closing,
  now: Date,
): Promise<ResultView> {
  const spec = judgedSpec(course, form);
  const employee = await requireEmployee(ctx.store, form.nip);
  const before = await ctx.store.listAttempts(form.courseId, form.nip);

  const score = closing.scored?.score ?? 0;
  const outcome = outcomeFor(score, spec.passMark);
  const decision = decisionFor(spec.kind, outcome);
  const attempt: AttemptRecord = {
    testId: form.testId,
    kind: spec.kind,
    attempt: form.attempt,
    score,
    outcome,
    at: now.toISOString(),
  };
  const statements = attemptStatements({
    course,
    test: spec,
    form,
    enrolment,
    learnerName: employee.name,
    scored: closing.scored,
    score,
    outcome,
    decision,
    at: now,
  });
  const stored = await ctx.store.closeForm({
    formId: form.id,
    status: closing.status,
    answers: closing.answers,
    closedAt: attempt.at,
    attempt: { ...attempt, courseId: form.courseId, nip: form.nip, formId: form.id },
    statements: engineRecords(statements, attempt.at),
    certificate: certifies(decision) ? certificateRequest(course, form.nip, decision, now) : null,
  }).catch(async (error: unknown) => {
    if (error instanceof FormNotOpenError && closing.status === 'submitted') {
      const current = await ctx.store.getForm(form.id);
      throw current?.status === 'expired'
        ? new TimeLimitPassedError(form.id, form.expiresAt)
        : new FormAlreadySubmittedError(form.id);
    }
    throw error;
  });

  const after = [...before, attempt];
  const certificate = stored.certificate ?? (await ctx.store.getCertificate(form.courseId, form.nip));
  return {
    formId: form.id,
    testId: form.testId,
    kind: spec.kind,
    attempt: form.attempt,
    score,
    passMark: spec.passMark,
    outcome,
    correct: closing.scored?.correct ?? 0,
    total: closing.scored?.total ?? form.itemIds.length,
    decision,
    status: statusView(course, employee, after, certificate, now),
  };
}

/**
 * The test an attempt is judged by: the pass mark the learner was shown when
 * the form was served, even if a course update changed it meanwhile or
 * removed the test.
 */
function judgedSpec(course: Course, form: FormRecord): TestSpec {
  const served = form.served as FormView;
  const current = findTest(course, form.testId);
  return {
    id: served.testId,
    kind: served.kind,
    title: served.title,
    passMark: served.passMark,
    timeLimitMinutes: served.timeLimitSeconds / 60,
    maxAttempts: current?.maxAttempts ?? null,
    blueprint: current?.blueprint ?? [],
  };
}

function isLate(form: FormRecord, now: Date): boolean {
  return now.getTime() > Date.parse(form.expiresAt) + SUBMISSION_GRACE_MS;
}

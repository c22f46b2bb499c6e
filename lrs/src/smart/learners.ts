import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseNip, type SessionView, type StatusView } from '@smart-training/core';
import { hasScope, hashSecret, newKeyPair, type Principal } from '../auth';
import type { Clock } from '../clock';
import { NotEnrolledError, UnknownNipError, WrongCourseError } from '../errors';
import { NEEDED, PRESETS } from '../scopes';
import type { EmployeeRecord, EnrolmentRecord, Store } from '../store/types';
import { requireCourse } from './courses';
import { parseBody, type BodyShape } from './request-body';
import { statusView } from './status';

/** The learner a session credential acts for. */
export interface LearnerRef {
  courseId: string;
  nip: string;
}

const sessionRequest = z.object({ courseId: z.string().min(1), nip: z.string().trim().min(1) });
const SESSION_BODY: BodyShape = {
  code: 'invalid_request',
  field: { en: 'property', id: 'properti' },
  expected: { en: 'JSON {"courseId": …, "nip": …}', id: 'JSON {"courseId": …, "nip": …}' },
};

/**
 * The NIP without the spaces and dots it is often printed with
 * ("19920314 201903 1 004"), checked to be well formed: a malformed one is
 * a typing error to fix (400 naming the wrong part), not a person to look up.
 */
export function wellFormedNip(raw: string): string {
  const nip = raw.replace(/[\s.]/g, '');
  parseNip(nip);
  return nip;
}

/**
 * Opens a learner's session: the NIP must be in the registry, the first
 * session enrols the learner (with the registration UUID all their
 * statements carry), and the answer holds a credential bound to that learner
 * and course, in the store of the credential that opened it. A launch
 * credential opens sessions of its own course only; `smart/admin` of any.
 */
export async function openSession(
  store: Store,
  clock: Clock,
  principal: Principal,
  body: unknown,
): Promise<SessionView> {
  const request = parseBody(sessionRequest, body, SESSION_BODY);
  const { courseId } = request;
  const nip = wellFormedNip(request.nip);
  if (!hasScope(principal, NEEDED.smartAdmin) && principal.courseId !== courseId) {
    throw new WrongCourseError(principal.courseId ?? '', courseId);
  }
  const course = await requireCourse(store, courseId);
  const employee = await requireEmployee(store, nip);
  const now = clock.now();
  const createdAt = now.toISOString();
  const enrolment = await store.ensureEnrolment({ courseId, nip, registration: randomUUID(), createdAt });

  const pair = newKeyPair();
  const sessionId = randomUUID();
  await store.insertSession(
    { id: sessionId, credentialKey: pair.key, courseId, nip, createdAt },
    {
      key: pair.key,
      secretHash: hashSecret(pair.secret),
      kind: 'session',
      scopes: PRESETS.session,
      courseId,
      nip,
      label: `session ${nip}`,
      createdAt,
    },
  );
  const attempts = await store.listAttempts(courseId, nip);
  const certificate = await store.getCertificate(courseId, nip);
  return {
    sessionId,
    registration: enrolment.registration,
    key: pair.key,
    secret: pair.secret,
    learner: { nip, name: employee.name, unit: employee.unit },
    status: statusView(course, employee, attempts, certificate, now),
  };
}

/** A learner's status in a course, for the learner's own session or an admin. */
export async function learnerStatus(store: Store, clock: Clock, learner: LearnerRef): Promise<StatusView> {
  const course = await requireCourse(store, learner.courseId);
  const employee = await requireEmployee(store, learner.nip);
  const attempts = await store.listAttempts(learner.courseId, learner.nip);
  const certificate = await store.getCertificate(learner.courseId, learner.nip);
  return statusView(course, employee, attempts, certificate, clock.now());
}

export async function requireEmployee(store: Store, nip: string): Promise<EmployeeRecord> {
  const employee = await store.getEmployee(nip);
  if (!employee) throw new UnknownNipError(nip);
  return employee;
}

export async function requireEnrolment(store: Store, learner: LearnerRef): Promise<EnrolmentRecord> {
  const enrolment = await store.getEnrolment(learner.courseId, learner.nip);
  if (!enrolment) throw new NotEnrolledError(learner.courseId, learner.nip);
  return enrolment;
}

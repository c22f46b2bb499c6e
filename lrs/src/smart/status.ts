import {
  attemptsAt,
  checkCanStart,
  competencyStatus,
  jpCredited,
  nextStep,
  testsOf,
  type AttemptRecord,
  type Course,
  type StatusView,
  type TestStatusView,
} from '@smart-training/core';
import type { CertificateRecord } from '../store/types';

/**
 * Where a learner stands, from the course, their attempts in the order
 * scored and their certificate. Every judgement comes from core's rules; this
 * only arranges them for the client.
 */
export function statusView(
  course: Course,
  learner: { nip: string; name: string },
  attempts: AttemptRecord[],
  certificate: CertificateRecord | undefined | null,
  now: Date,
): StatusView {
  return {
    courseId: course.id,
    nip: learner.nip,
    name: learner.name,
    status: competencyStatus(course, attempts),
    jpCredited: jpCredited(course, attempts),
    next: nextStep(course, attempts),
    attempts,
    tests: testsOf(course).map((test): TestStatusView => {
      const tried = attemptsAt(attempts, test.id);
      const violation = checkCanStart(course, attempts, test.id, now);
      return {
        testId: test.id,
        kind: test.kind,
        title: test.title,
        passMark: test.passMark,
        attempts: tried.length,
        passed: tried.some((attempt) => attempt.outcome === 'passed'),
        bestScore: tried.length === 0 ? null : Math.max(...tried.map((attempt) => attempt.score)),
        available: violation === null,
        ...(violation ? { reason: { code: violation.code, message: violation.message } } : {}),
      };
    }),
    certificate: certificate
      ? { number: certificate.number, issuedAt: certificate.issuedAt, basis: certificate.basis }
      : null,
  };
}

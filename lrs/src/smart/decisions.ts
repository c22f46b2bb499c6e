import { randomUUID } from 'node:crypto';
import type { Statement } from '@xapi/xapi';
import {
  answeredStatement,
  courseCompletedStatement,
  testResultStatement,
  waivedStatement,
  type StatementFrame,
} from '@smart-training/xapi';
import type {
  AttemptOutcome,
  Course,
  Decision,
  FormScore,
  TestKind,
  TestSpec,
} from '@smart-training/core';
import type { CertificateRequest, EnrolmentRecord, FormRecord } from '../store/types';

/**
 * The decision one scored attempt leads to: a placement pass waives the
 * training and a fail enrols the learner; a final pass makes them competent
 * and a fail leaves them not yet competent; a material test is passed or
 * failed (remedial).
 */
export function decisionFor(kind: TestKind, outcome: AttemptOutcome): Decision {
  const passed = outcome === 'passed';
  switch (kind) {
    case 'placement':
      return passed ? 'waived' : 'enrolled';
    case 'final':
      return passed ? 'competent' : 'not_yet_competent';
    case 'material':
      return outcome;
  }
}

/** Whether the decision certifies the learner (an STTPL is due). */
export function certifies(decision: Decision): boolean {
  return decision === 'waived' || decision === 'competent';
}

export interface AttemptFacts {
  course: Course;
  test: TestSpec;
  form: FormRecord;
  enrolment: EnrolmentRecord;
  learnerName: string;
  /** The scoring, or null when the form ran out of time and nothing is scored. */
  scored: FormScore | null;
  score: number;
  outcome: AttemptOutcome;
  decision: Decision;
  at: Date;
}

/**
 * The xAPI statements the engine records for one attempt: an `answered` per
 * scored item, `passed`/`failed` for the test with the decision, and
 * `waived` or `completed` on the course when the learner is certified.
 */
export function attemptStatements(facts: AttemptFacts): Statement[] {
  const { course, test, form } = facts;
  const frame = (): StatementFrame => ({
    id: randomUUID(),
    courseId: course.id,
    courseTitle: course.title,
    nip: form.nip,
    learnerName: facts.learnerName,
    registration: facts.enrolment.registration,
    timestamp: facts.at.toISOString(),
  });
  const testRef = { id: test.id, kind: test.kind, title: test.title, passMark: test.passMark };
  const itemsById = new Map(form.keyedItems.map((item) => [item.id, item]));

  const statements: Statement[] = (facts.scored?.perItem ?? []).flatMap((scored) => {
    const item = itemsById.get(scored.itemId);
    if (!item) return [];
    return [
      answeredStatement(frame(), {
        test: testRef,
        formId: form.id,
        attempt: form.attempt,
        item,
        response: scored.chosen,
        correct: scored.correct,
      }),
    ];
  });
  statements.push(
    testResultStatement(frame(), {
      test: testRef,
      formId: form.id,
      attempt: form.attempt,
      score: facts.score,
      passed: facts.outcome === 'passed',
      decision: facts.decision,
      durationSeconds: Math.max(0, (facts.at.getTime() - Date.parse(form.startedAt)) / 1000),
    }),
  );
  if (facts.decision === 'waived') statements.push(waivedStatement(frame(), course.jp));
  if (facts.decision === 'competent') statements.push(courseCompletedStatement(frame(), course.jp));
  return statements;
}

/**
 * The certificate (STTPL) a certifying decision issues. Numbers run per
 * course and per year of the offering's time zone, e.g.
 * `STTPL/BERAKHLAK-2026/2026/000001`.
 */
export function certificateRequest(
  course: Course,
  nip: string,
  decision: Decision,
  at: Date,
): CertificateRequest {
  const year = yearIn(at, course.offering.timeZone);
  const prefix = `STTPL/${course.id.toUpperCase()}/${year}/`;
  return {
    courseId: course.id,
    nip,
    basis: decision === 'waived' ? 'placement' : 'final',
    issuedAt: at.toISOString(),
    year,
    numberFor: (sequence) => `${prefix}${String(sequence).padStart(6, '0')}`,
  };
}

function yearIn(at: Date, timeZone: string): number {
  try {
    return Number(new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone }).format(at));
  } catch (error) {
    // An unknown zone name falls back to UTC rather than refusing the certificate.
    if (error instanceof RangeError) return at.getUTCFullYear();
    throw error;
  }
}

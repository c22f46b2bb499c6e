import type { AttemptRecord } from '@smart-training/core';
import type { HostResult, ResultView, StatusView } from '@smart-training/runtime';

/**
 * What the LMS gradebook should record after a test, from the learner's
 * standing in the whole course: certified (waived or competent) passes,
 * not yet competent fails, anything still under way is incomplete.
 */
export function hostStatusFor(status: StatusView['status']): HostResult['status'] {
  if (status === 'waived' || status === 'competent') return 'passed';
  if (status === 'not_yet_competent') return 'failed';
  return 'incomplete';
}

/**
 * The result to give the LMS when a session opens on a course the LRS has
 * already decided (in an earlier session, or through another LMS), so the
 * gradebook does not keep showing "incomplete": waived passes with the
 * placement score, competent passes and not yet competent fails with the
 * last final test's score. Null while the course is undecided, so nothing
 * the LMS already holds is overwritten.
 *
 * @example
 * const decided = decidedResult(client.initialStatus);
 * if (decided !== null) host.reportResult(decided);
 */
export function decidedResult(status: StatusView): HostResult | null {
  const deciding = decidingAttempt(status);
  if (deciding === undefined) return null;
  return { scoreRaw: deciding.score, status: hostStatusFor(status.status) };
}

function decidingAttempt(status: StatusView): AttemptRecord | undefined {
  const last = (testId: string, outcome?: AttemptRecord['outcome']) =>
    [...status.attempts]
      .reverse()
      .find((attempt) => attempt.testId === testId && (outcome === undefined || attempt.outcome === outcome));
  switch (status.status) {
    case 'waived':
      return last('placement', 'passed');
    case 'competent':
      return last('final', 'passed');
    case 'not_yet_competent':
      return last('final');
    case 'not_started':
    case 'in_training':
      return undefined;
  }
}

/**
 * What the LMS learns from one test in a launch for that test alone (a
 * cmi5 AU): its score and the LRS's verdict on it, passed or failed, not
 * the learner's standing in the whole course.
 *
 * @example
 * await host.reportResult(auResult(result)); // { scoreRaw: 80, status: 'passed' }
 */
export function auResult(result: ResultView): HostResult {
  return { scoreRaw: result.score, status: result.outcome };
}

/**
 * The pass of `testId` the LRS holds from an earlier session, as the LMS
 * should record it (the last passing attempt's score), or null when the
 * test was never passed. An AU relaunched after a pass whose report did not
 * reach the LMS tells it again; the hosts never send a second pass.
 */
export function earlierPass(status: StatusView, testId: string): HostResult | null {
  const pass = [...status.attempts].reverse().find((attempt) => attempt.testId === testId && attempt.outcome === 'passed');
  return pass === undefined ? null : { scoreRaw: pass.score, status: 'passed' };
}

import { describe, expect, it } from 'vitest';
import { validateStatement } from '../../lrs/src/xapi/model';
import {
  cmiToStatements,
  InvalidReportError,
  parseRuntimeReport,
  SCORM_PROFILE_ACTIVITY,
  scoActivityId,
  type ReportTarget,
  type RuntimeReport,
} from '../src/host/cmi-to-xapi';
import type { StatementJson } from './host-fixtures';

const NIP = '198503302010011002';
const ATTEMPT = '5b1f9f5e-2c7a-4d1e-9a51-1f0c2e3d4b5a';
const SCO_ID = scoActivityId('id.example.kuis', 'sco-1');

const target12: ReportTarget = {
  packageName: 'kuis-12',
  version: '1.2',
  course: { identifier: 'id.example.kuis', title: 'Kuis' },
  sco: { identifier: 'sco-1', title: 'Kuis singkat' },
  nip: NIP,
  learnerName: 'Siti Rahma',
};
const target2004: ReportTarget = { ...target12, packageName: 'kuis-2004', version: '2004' };

function cmi12(core: Record<string, unknown>, interactions: Record<string, unknown> = {}) {
  return {
    core: { lesson_status: 'not attempted', exit: '', session_time: '00:00:00', score: { raw: '', min: '', max: '100' }, ...core },
    interactions,
  };
}

function report(cmi: Record<string, unknown>, extra: Partial<RuntimeReport> = {}): RuntimeReport {
  return {
    attempt: ATTEMPT,
    session: 1,
    startedAt: '2026-12-04T08:00:00.000Z',
    at: '2026-12-04T08:05:00.000Z',
    cmi,
    ...extra,
  };
}

type Json = StatementJson;
const verbs = (statements: unknown[]) => (statements as Json[]).map((statement) => statement.verb.id.split('/').pop());

describe('cmiToStatements, SCORM 1.2', () => {
  const interactions = {
    0: {
      id: 'ibukota',
      type: 'choice',
      student_response: 'b,c',
      result: 'correct',
      latency: '00:00:12',
      correct_responses: { 0: { pattern: 'b,c' } },
    },
    1: { id: 'sila', type: 'true-false', student_response: 'f', result: 'wrong', correct_responses: { 0: { pattern: 't' } } },
  };

  it('turns a first session that passed and finished into initialized, answered per interaction, passed and terminated', () => {
    const statements = cmiToStatements(
      report(cmi12({ lesson_status: 'passed', score: { raw: '80', min: '0', max: '100' } }, interactions), {
        finishedAt: '2026-12-04T08:06:30.000Z',
      }),
      target12,
    ) as unknown as Json[];

    expect(verbs(statements)).toEqual(['initialized', 'answered', 'answered', 'completed', 'passed', 'terminated']);
    const [initialized, first, second, , passed, terminated] = statements as [Json, Json, Json, Json, Json, Json];
    expect(initialized.actor).toEqual({
      objectType: 'Agent',
      name: 'Siti Rahma',
      account: { homePage: 'https://siasn.bkn.go.id', name: NIP },
    });
    expect(initialized.object.id).toBe(SCO_ID);
    expect(initialized.object.definition.type).toBe('http://adlnet.gov/expapi/activities/lesson');
    expect(initialized.timestamp).toBe('2026-12-04T08:00:00.000Z');
    expect(initialized.context.contextActivities.category).toEqual([{ objectType: 'Activity', id: SCORM_PROFILE_ACTIVITY }]);
    expect(initialized.context.contextActivities.grouping.map((activity) => activity.id)).toEqual([
      'https://smart-training.id/xapi/activities/scorm/id.example.kuis',
      `${SCO_ID}?attemptId=${ATTEMPT}`,
    ]);

    expect(first.object.id).toBe(`${SCO_ID}/interactions/ibukota`);
    expect(first.object.definition).toMatchObject({ interactionType: 'choice', correctResponsesPattern: ['b[,]c'] });
    expect(first.result).toEqual({ response: 'b[,]c', success: true, duration: 'PT12S' });
    expect(first.context.contextActivities.parent).toEqual([{ objectType: 'Activity', id: SCO_ID }]);
    expect(second.result).toEqual({ response: 'false', success: false });
    expect(second.object.definition.correctResponsesPattern).toEqual(['true']);

    expect(passed.result).toEqual({ success: true, score: { raw: 80, min: 0, max: 100, scaled: 0.8 } });
    expect(terminated.timestamp).toBe('2026-12-04T08:06:30.000Z');
    expect(terminated.result).toEqual({
      score: { raw: 80, min: 0, max: 100, scaled: 0.8 },
      success: true,
      completion: true,
      duration: 'PT6M30S',
    });
    for (const statement of statements) validateStatement(statement, 'statement');
  });

  it('gives the same ids to the same report sent twice, and other ids to another attempt or learner', () => {
    const cmi = cmi12({ lesson_status: 'passed', score: { raw: '80' } }, interactions);
    const ids = (statements: unknown[]) => (statements as Json[]).map((statement) => statement.id as string);

    const once = ids(cmiToStatements(report(cmi), target12));
    const again = ids(cmiToStatements(report(cmi, { at: '2026-12-04T09:00:00.000Z' }), target12));
    const otherAttempt = ids(cmiToStatements(report(cmi, { attempt: '0e6d2c3b-8a8f-4b8e-9c5d-6e7f8a9b0c1d' }), target12));
    const otherLearner = ids(cmiToStatements(report(cmi), { ...target12, nip: '199001012015032001' }));

    expect(again).toEqual(once);
    expect(new Set(once).size).toBe(once.length);
    expect(otherAttempt.filter((id) => once.includes(id))).toEqual([]);
    expect(otherLearner.filter((id) => once.includes(id))).toEqual([]);
  });

  it('records a changed answer or score as a new statement', () => {
    const changed = { ...interactions, 1: { ...interactions[1], student_response: 't', result: 'correct' } };
    const translate = (raw: string, answers: typeof interactions) =>
      cmiToStatements(report(cmi12({ lesson_status: 'passed', score: { raw } }, answers)), target12) as unknown as Json[];

    const before = translate('75', interactions);
    const after = translate('90', changed);

    expect(after[1]!.id).toBe(before[1]!.id);
    expect(after[2]!.id).not.toBe(before[2]!.id);
    expect(after.find((statement) => statement.verb.id.endsWith('passed'))!.id).not.toBe(
      before.find((statement) => statement.verb.id.endsWith('passed'))!.id,
    );
  });

  it('opens a later session with resumed and closes a suspended one with suspended', () => {
    const statements = cmiToStatements(
      report(cmi12({ lesson_status: 'incomplete', exit: 'suspend', session_time: '00:02:00' }), {
        session: 2,
        finishedAt: '2026-12-04T08:10:00.000Z',
      }),
      target12,
    ) as unknown as Json[];

    expect(verbs(statements)).toEqual(['resumed', 'suspended']);
    expect(statements[1]!.result).toEqual({ completion: false, duration: 'PT2M0S' });
  });

  it('reports failed with the score and leaves out a score range the raw score does not fit', () => {
    const statements = cmiToStatements(
      report(cmi12({ lesson_status: 'failed', score: { raw: '120', min: '0', max: '100' } })),
      target12,
    ) as unknown as Json[];

    const failed = statements.find((statement) => statement.verb.id.endsWith('failed'))!;
    expect(failed.result).toEqual({ success: false, score: { raw: 120, min: 0 } });
    validateStatement(failed, 'failed');
  });

  it('skips interactions without an id or any answer, and values that are not SCORM values', () => {
    const statements = cmiToStatements(
      report(
        cmi12({ lesson_status: 'browsed', score: { raw: 'lots' } }, {
          0: { id: '', student_response: 'a' },
          1: { id: 'kosong' },
          2: { id: 'aneh', type: 'essay', student_response: 'teks', result: 'maybe' },
        }),
      ),
      target12,
    ) as unknown as Json[];

    expect(verbs(statements)).toEqual(['initialized', 'answered']);
    expect(statements[1]!.object.definition.interactionType).toBeUndefined();
    expect(statements[1]!.result).toEqual({ response: 'teks' });
  });
});

describe('cmiToStatements, SCORM 2004', () => {
  it('reads success and completion apart, the scaled score as given, and interaction timestamps', () => {
    const statements = cmiToStatements(
      report(
        {
          success_status: 'failed',
          completion_status: 'completed',
          exit: 'normal',
          session_time: 'PT3M5S',
          score: { scaled: '0.5', raw: '5', min: '0', max: '10' },
          interactions: {
            0: {
              id: 'q1',
              type: 'true-false',
              learner_response: 'true',
              result: 'incorrect',
              timestamp: '2026-12-04T08:01:00.000Z',
              latency: 'PT4S',
              description: 'Pancasila adalah dasar negara',
              correct_responses: { 0: { pattern: 'false' } },
            },
          },
        },
        { finishedAt: '2026-12-04T08:03:05.000Z' },
      ),
      target2004,
    ) as unknown as Json[];

    expect(verbs(statements)).toEqual(['initialized', 'answered', 'completed', 'failed', 'terminated']);
    const [, answered, completed, failed, terminated] = statements as [Json, Json, Json, Json, Json];
    expect(answered.timestamp).toBe('2026-12-04T08:01:00.000Z');
    expect(answered.object.definition).toMatchObject({
      interactionType: 'true-false',
      correctResponsesPattern: ['false'],
      description: { und: 'Pancasila adalah dasar negara' },
    });
    expect(answered.result).toEqual({ response: 'true', success: false, duration: 'PT4S' });
    expect(completed.result).toEqual({ completion: true });
    expect(failed.result).toEqual({ success: false, score: { raw: 5, min: 0, max: 10, scaled: 0.5 } });
    expect(terminated.result).toMatchObject({ success: false, completion: true, duration: 'PT3M5S' });
    for (const statement of statements) validateStatement(statement, 'statement');
  });

  it('measures the session from Initialize to Terminate when the SCO left session_time unset', () => {
    const statements = cmiToStatements(
      report({ exit: '', session_time: 'PT0H0M0S', success_status: 'unknown' }, { finishedAt: '2026-12-04T08:00:42.000Z' }),
      target2004,
    ) as unknown as Json[];

    expect(verbs(statements)).toEqual(['initialized', 'terminated']);
    expect(statements[1]!.result).toEqual({ duration: 'PT42S' });
  });
});

describe('parseRuntimeReport', () => {
  const valid = {
    attempt: ATTEMPT,
    session: 1,
    startedAt: '2026-12-04T08:00:00.000Z',
    at: '2026-12-04T08:00:01.000Z',
    cmi: { core: {} },
  };

  it('accepts what the host page sends', () => {
    expect(parseRuntimeReport(valid)).toEqual(valid);
  });

  it.each([
    ['attempt', { ...valid, attempt: 'attempt-1' }],
    ['session', { ...valid, session: 0 }],
    ['startedAt', { ...valid, startedAt: 'yesterday' }],
    ['finishedAt', { ...valid, finishedAt: '2026-12-04' }],
    ['cmi', { ...valid, cmi: 'core' }],
  ])('refuses a report whose %s does not fit, naming it', (field, body) => {
    expect(() => parseRuntimeReport(body)).toThrow(InvalidReportError);
    expect(() => parseRuntimeReport(body)).toThrow(`"${field}"`);
  });
});

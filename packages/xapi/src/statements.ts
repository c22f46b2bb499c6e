import type { Context, Statement } from '@xapi/xapi';
import type { ItemType, LocalizedText, TestKind } from '@smart-training/core';
import { ACTIVITY_TYPES, EXTENSIONS, RECOGNITION_OF_PRIOR_LEARNING, VERBS } from './vocabulary';
import {
  courseActivityId,
  itemActivityId,
  learnerAgent,
  materialActivityId,
  testActivityId,
} from './ids';

/** What every SMART statement carries: who, in which course, when. */
export interface StatementFrame {
  /** Statement id (UUID); the caller chooses it so retries stay idempotent. */
  id: string;
  courseId: string;
  courseTitle: LocalizedText;
  nip: string;
  learnerName?: string;
  /** The learner's enrolment in this course. */
  registration: string;
  timestamp: string;
}

export interface TestRef {
  id: string;
  kind: TestKind;
  title: LocalizedText;
  passMark: number;
}

function languageMap(text: LocalizedText): Record<string, string> {
  return text.en ? { 'id-ID': text.id, 'en-US': text.en } : { 'id-ID': text.id };
}

function courseActivity(frame: StatementFrame) {
  return {
    objectType: 'Activity' as const,
    id: courseActivityId(frame.courseId),
    definition: { type: ACTIVITY_TYPES.course, name: languageMap(frame.courseTitle) },
  };
}

function testActivity(courseId: string, test: TestRef) {
  return {
    objectType: 'Activity' as const,
    id: testActivityId(courseId, test.id),
    definition: { type: ACTIVITY_TYPES.test, name: languageMap(test.title) },
  };
}

function frameFields(frame: StatementFrame) {
  return {
    id: frame.id,
    actor: learnerAgent(frame.nip, frame.learnerName),
    timestamp: frame.timestamp,
  };
}

function courseContext(frame: StatementFrame, parent?: { id: string }): Context {
  return {
    registration: frame.registration,
    contextActivities: {
      ...(parent ? { parent: [{ id: parent.id }] } : {}),
      grouping: [{ id: courseActivityId(frame.courseId) }],
    },
    language: 'id-ID',
  };
}

const INTERACTION_TYPE: Record<ItemType, 'choice' | 'true-false'> = {
  single: 'choice',
  multiple: 'choice',
  truefalse: 'true-false',
};

/**
 * One answered item, recorded by the LRS after scoring. The response uses
 * the cmi.interaction format: option ids joined by `[,]`.
 *
 * @example answeredStatement(frame, { test, formId, attempt: 1, item, response: ['b'], correct: true })
 */
export function answeredStatement(
  frame: StatementFrame,
  answer: {
    test: TestRef;
    formId: string;
    attempt: number;
    item: { id: string; type: ItemType; stem: LocalizedText };
    response: string[];
    correct: boolean;
  },
): Statement {
  const context = courseContext(frame, { id: testActivityId(frame.courseId, answer.test.id) });
  context.extensions = {
    [EXTENSIONS.formId]: answer.formId,
    [EXTENSIONS.attempt]: answer.attempt,
  };
  return {
    ...frameFields(frame),
    verb: VERBS.answered,
    object: {
      objectType: 'Activity',
      id: itemActivityId(frame.courseId, answer.item.id),
      definition: {
        type: ACTIVITY_TYPES.item,
        name: languageMap({ id: answer.item.id }),
        description: languageMap(answer.item.stem),
        interactionType: INTERACTION_TYPE[answer.item.type],
      },
    },
    result: {
      success: answer.correct,
      response: answer.response.join('[,]'),
    },
    context,
  };
}

/**
 * The scored outcome of one attempt at a test: `passed` or `failed`, with the
 * score on 0–100 (raw) and 0–1 (scaled) and the decision it led to.
 */
export function testResultStatement(
  frame: StatementFrame,
  outcome: {
    test: TestRef;
    formId: string;
    attempt: number;
    score: number;
    passed: boolean;
    decision: string;
    durationSeconds: number;
  },
): Statement {
  const context = courseContext(frame, { id: courseActivityId(frame.courseId) });
  context.extensions = {
    [EXTENSIONS.formId]: outcome.formId,
    [EXTENSIONS.attempt]: outcome.attempt,
    [EXTENSIONS.testKind]: outcome.test.kind,
    [EXTENSIONS.passMark]: outcome.test.passMark,
  };
  return {
    ...frameFields(frame),
    verb: outcome.passed ? VERBS.passed : VERBS.failed,
    object: testActivity(frame.courseId, outcome.test),
    result: {
      score: { scaled: outcome.score / 100, raw: outcome.score, min: 0, max: 100 },
      success: outcome.passed,
      completion: true,
      duration: isoDuration(outcome.durationSeconds),
      extensions: { [EXTENSIONS.decision]: outcome.decision },
    },
    context,
  };
}

/**
 * A placement pass: the training is waived and the learner certified on
 * recognition of prior learning (cmi5's "Tested Out").
 */
export function waivedStatement(frame: StatementFrame, jp: number): Statement {
  return {
    ...frameFields(frame),
    verb: VERBS.waived,
    object: courseActivity(frame),
    result: {
      success: true,
      completion: true,
      extensions: {
        [EXTENSIONS.cmi5Reason]: 'Tested Out',
        [EXTENSIONS.reason]: RECOGNITION_OF_PRIOR_LEARNING,
        [EXTENSIONS.competencyStatus]: 'waived',
        [EXTENSIONS.jp]: jp,
      },
    },
    context: courseContext(frame),
  };
}

/** The course is done: the final test was passed and the learner is competent. */
export function courseCompletedStatement(frame: StatementFrame, jp: number): Statement {
  return {
    ...frameFields(frame),
    verb: VERBS.completed,
    object: courseActivity(frame),
    result: {
      success: true,
      completion: true,
      extensions: { [EXTENSIONS.competencyStatus]: 'competent', [EXTENSIONS.jp]: jp },
    },
    context: courseContext(frame),
  };
}

/** Sent by the unit when the learner opens a material's text or media. */
export function materialExperiencedStatement(
  frame: StatementFrame,
  material: { id: string; title: LocalizedText },
): Statement {
  return {
    ...frameFields(frame),
    verb: VERBS.experienced,
    object: {
      objectType: 'Activity',
      id: materialActivityId(frame.courseId, material.id),
      definition: { type: ACTIVITY_TYPES.material, name: languageMap(material.title) },
    },
    context: courseContext(frame, { id: courseActivityId(frame.courseId) }),
  };
}

/** Sent by the unit when it starts (`initialized`) and ends (`terminated`) in its host. */
export function unitLifecycleStatement(
  frame: StatementFrame,
  phase: 'initialized' | 'terminated',
  hostKind: string,
): Statement {
  const context = courseContext(frame);
  context.platform = hostKind;
  return {
    ...frameFields(frame),
    verb: VERBS[phase],
    object: courseActivity(frame),
    context,
  };
}

/** Seconds as an ISO 8601 duration with centisecond precision, e.g. PT1M5.25S. */
export function isoDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds * 100) / 100);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = Math.round((total % 60) * 100) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${rest}S`;
}

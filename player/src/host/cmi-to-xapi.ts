/**
 * Turns what scorm-again recorded for one SCO session into xAPI statements,
 * after ADL's xAPI SCORM Profile (github.com/adlnet/xAPI-SCORM-Profile):
 * the SCO is a `lesson` activity under the course activity, every statement
 * groups the course and the attempt (`<sco>?attemptId=…`, type `attempt`)
 * and carries the profile as category; `initialized` / `resumed` open a
 * session, `suspended` (cmi.exit = suspend) or `terminated` close it with
 * the SCO's result and the session time as duration; `completed`, `passed`
 * and `failed` follow the status elements, `answered` each interaction.
 *
 * Pure: the same report always gives the same statements, ids included.
 * An id is a name-based UUID of (package, learner, attempt, event), and an
 * event that can change (a status with its score, an interaction with its
 * response) names its content, so a resent report repeats ids and a changed
 * answer is a new statement. Input comes from a browser: every value is
 * checked, and one that does not fit leaves its field out.
 */
import { createHash } from 'node:crypto';
import type { Statement } from '@xapi/xapi';
import {
  ACTIVITY_TYPES,
  INTERACTION_TYPES,
  PROFILE_IRI,
  VERBS,
  isoDuration,
  learnerAgent,
  type InteractionType,
} from '@smart-training/xapi';

/** One snapshot of a session as the host page sends it. */
export interface RuntimeReport {
  /** The attempt (a UUID the page draws when a new attempt begins). */
  attempt: string;
  /** 1 for the session that began the attempt, then 2, 3… for each relaunch that continues it. */
  session: number;
  /** When the SCO called Initialize / LMSInitialize. */
  startedAt: string;
  /** When the SCO called Terminate / LMSFinish; absent while the session runs. */
  finishedAt?: string;
  /** When this snapshot was taken. */
  at: string;
  /** scorm-again's `cmi` object as JSON. */
  cmi: Record<string, unknown>;
}

/** A report the host page sent that cannot be read: `message` says which field and why. */
export class InvalidReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReportError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks the shape of a report the browser sent; throws
 * {@link InvalidReportError} naming the first field that does not fit.
 */
export function parseRuntimeReport(body: unknown): RuntimeReport {
  const input = object(body);
  const fail = (field: string, expected: string): never => {
    throw new InvalidReportError(`The runtime report's "${field}" must be ${expected}. Reload the player page; it sends well-formed reports.`);
  };
  const attempt =
    typeof input.attempt === 'string' && UUID.test(input.attempt) ? input.attempt.toLowerCase() : fail('attempt', 'a UUID');
  const session =
    typeof input.session === 'number' && Number.isInteger(input.session) && input.session >= 1 && input.session <= 10_000
      ? input.session
      : fail('session', 'a whole number from 1 to 10000');
  const time = (field: 'startedAt' | 'finishedAt' | 'at') => {
    const value = input[field];
    return typeof value === 'string' && isTimestamp(value) ? value : fail(field, 'an ISO 8601 timestamp with a time zone');
  };
  const cmi = object(input.cmi);
  if (input.cmi !== cmi) fail('cmi', 'an object (scorm-again\'s cmi as JSON)');
  return {
    attempt,
    session,
    startedAt: time('startedAt'),
    ...(input.finishedAt === undefined || input.finishedAt === null ? {} : { finishedAt: time('finishedAt') }),
    at: time('at'),
    cmi,
  };
}

/** The package, SCO and learner the report is about: decided by the server, never by the page. */
export interface ReportTarget {
  /** The host's package name, part of every statement id. */
  packageName: string;
  version: '1.2' | '2004';
  /** The manifest identifier (falls back to the package name) and title. */
  course: { identifier: string; title: string };
  sco: { identifier: string; title: string };
  nip: string;
  learnerName?: string;
}

/** The profile's category activity, on every statement (xAPI SCORM Profile, 3.2 Context). */
export const SCORM_PROFILE_ACTIVITY = 'http://adlnet.gov/xapi/profile/scorm';

const ADL_VERBS = 'http://adlnet.gov/expapi/verbs/';
const SCORM_VERBS = {
  initialized: VERBS.initialized,
  terminated: VERBS.terminated,
  completed: VERBS.completed,
  passed: VERBS.passed,
  failed: VERBS.failed,
  answered: VERBS.answered,
  suspended: { id: `${ADL_VERBS}suspended`, display: { 'id-ID': 'menangguhkan', 'en-US': 'suspended' } },
  resumed: { id: `${ADL_VERBS}resumed`, display: { 'id-ID': 'melanjutkan', 'en-US': 'resumed' } },
} as const;

const ACTIVITY = {
  course: ACTIVITY_TYPES.course,
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  attempt: 'http://adlnet.gov/expapi/activities/attempt',
  interaction: ACTIVITY_TYPES.item,
} as const;

/** Namespace of the name-based statement ids (UUID v5). */
const STATEMENT_ID_NAMESPACE = 'b0b7f0d2-6a3e-4c41-9d0e-5c1f3a7e2b60';

type Json = Record<string, unknown>;

/** The course activity of a package: `<profile>/activities/scorm/<manifest identifier>`. */
export function scormCourseActivityId(identifier: string): string {
  return `${PROFILE_IRI}/activities/scorm/${encodeURIComponent(identifier)}`;
}

/** The SCO activity: `<course>/<sco identifier>` (profile: SCO IRIs are `<courseIRI>/<sco path>`). */
export function scoActivityId(courseIdentifier: string, scoIdentifier: string): string {
  return `${scormCourseActivityId(courseIdentifier)}/${encodeURIComponent(scoIdentifier)}`;
}

/**
 * The statements a session report stands for, in the order they happened.
 *
 * @example
 * const statements = cmiToStatements(report, {
 *   packageName: 'safety-12', version: '1.2', nip: '198503302010011002',
 *   course: { identifier: 'com.vendor.safety', title: 'Safety' },
 *   sco: { identifier: 'sco-1', title: 'Safety' },
 * });
 */
export function cmiToStatements(report: RuntimeReport, target: ReportTarget): Statement[] {
  const read = target.version === '2004' ? read2004(report.cmi) : read12(report.cmi);
  const frame = new Frame(report, target);
  const statements: Statement[] = [];
  if (report.session === 1) statements.push(frame.sco('initialized', 'initialized', report.startedAt));
  else statements.push(frame.sco('resumed', `resumed:${report.session}`, report.startedAt));

  read.interactions.forEach((interaction, index) => {
    const statement = frame.interaction(interaction, index, report.at);
    if (statement) statements.push(statement);
  });

  const score = scoreOf(read.score);
  const scoreKey = score ? `${score.raw ?? ''}/${score.scaled ?? ''}` : '';
  if (read.completion === true) statements.push(frame.sco('completed', 'completed', report.at, { completion: true }));
  if (read.success !== undefined) {
    const verb = read.success ? 'passed' : 'failed';
    statements.push(
      frame.sco(verb, `${verb}:${scoreKey}`, report.at, {
        success: read.success,
        ...(score ? { score } : {}),
      }),
    );
  }

  if (report.finishedAt !== undefined) {
    const suspended = read.exit === 'suspend';
    const duration = read.sessionSeconds ?? secondsBetween(report.startedAt, report.finishedAt);
    const result = {
      ...(score ? { score } : {}),
      ...(read.success !== undefined ? { success: read.success } : {}),
      ...(read.completion !== undefined ? { completion: read.completion } : {}),
      ...(duration !== undefined ? { duration: isoDuration(duration) } : {}),
    };
    statements.push(
      suspended
        ? frame.sco('suspended', `suspended:${report.session}`, report.finishedAt, result)
        : frame.sco('terminated', 'terminated', report.finishedAt, result),
    );
  }
  return statements;
}

/** What the translation reads of one interaction, in xAPI's terms. */
interface Interaction {
  id: string;
  type: InteractionType | undefined;
  response: string | undefined;
  success: boolean | undefined;
  latencySeconds: number | undefined;
  timestamp: string | undefined;
  correctPatterns: string[];
  description: string;
}

interface RawScore {
  raw: number | undefined;
  min: number | undefined;
  max: number | undefined;
  scaled: number | undefined;
}

interface CmiReading {
  success: boolean | undefined;
  completion: boolean | undefined;
  exit: string;
  score: RawScore;
  sessionSeconds: number | undefined;
  interactions: Interaction[];
}

function read12(cmi: Json): CmiReading {
  const core = object(cmi.core);
  const status = text(core.lesson_status);
  const score = object(core.score);
  return {
    // SCORM 1.2 has one status: passed and failed also mean the SCO was completed.
    success: status === 'passed' ? true : status === 'failed' ? false : undefined,
    completion: ['completed', 'passed', 'failed'].includes(status) ? true : status === 'incomplete' ? false : undefined,
    exit: text(core.exit),
    score: { raw: number(score.raw), min: number(score.min), max: number(score.max), scaled: undefined },
    sessionSeconds: scorm12Seconds(text(core.session_time)),
    interactions: entries(cmi.interactions).map((entry) => {
      const type = interactionType(text(entry.type));
      const result = text(entry.result);
      return {
        id: text(entry.id),
        type,
        response: optional(scorm12Response(type, text(entry.student_response))),
        success: result === 'correct' ? true : result === 'wrong' ? false : undefined,
        latencySeconds: scorm12Seconds(text(entry.latency)),
        timestamp: undefined,
        correctPatterns: entries(entry.correct_responses)
          .map((pattern) => scorm12Response(type, text(pattern.pattern)))
          .filter((pattern) => pattern !== ''),
        description: '',
      };
    }),
  };
}

function read2004(cmi: Json): CmiReading {
  const success = text(cmi.success_status);
  const completion = text(cmi.completion_status);
  const score = object(cmi.score);
  return {
    success: success === 'passed' ? true : success === 'failed' ? false : undefined,
    completion: completion === 'completed' ? true : completion === 'incomplete' ? false : undefined,
    exit: text(cmi.exit),
    score: {
      raw: number(score.raw),
      min: number(score.min),
      max: number(score.max),
      scaled: number(score.scaled),
    },
    sessionSeconds: isoSeconds(text(cmi.session_time)),
    interactions: entries(cmi.interactions).map((entry) => {
      const result = text(entry.result);
      const timestamp = text(entry.timestamp);
      return {
        id: text(entry.id),
        type: interactionType(text(entry.type)),
        // SCORM 2004's response formats are the ones xAPI took over.
        response: optional(text(entry.learner_response)),
        success: result === 'correct' ? true : result === 'incorrect' ? false : undefined,
        latencySeconds: isoSeconds(text(entry.latency)),
        timestamp: isTimestamp(timestamp) ? timestamp : undefined,
        correctPatterns: entries(entry.correct_responses)
          .map((pattern) => text(pattern.pattern))
          .filter((pattern) => pattern !== ''),
        description: text(entry.description),
      };
    }),
  };
}

/**
 * The score as xAPI takes it: min ≤ raw ≤ max, and `scaled` in -1…1. For
 * SCORM 1.2, which has no scaled score, the profile asks for raw / 100;
 * that is (raw - min) / (max - min) with the 0–100 range SCORM 1.2 assumes,
 * and this uses the range the SCO declared.
 */
function scoreOf(score: RawScore): { raw?: number; min?: number; max?: number; scaled?: number } | undefined {
  const out: { raw?: number; min?: number; max?: number; scaled?: number } = {};
  const { raw, min, max } = score;
  const rangeFits = min !== undefined && max !== undefined && min < max && (raw === undefined || (min <= raw && raw <= max));
  if (raw !== undefined) out.raw = raw;
  if (rangeFits) {
    out.min = min;
    out.max = max;
  } else if (raw !== undefined) {
    if (min !== undefined && min <= raw) out.min = min;
    if (max !== undefined && raw <= max) out.max = max;
  }
  let scaled = score.scaled;
  if (scaled === undefined && raw !== undefined) {
    const low = rangeFits ? (min as number) : 0;
    const high = rangeFits ? (max as number) : 100;
    scaled = Math.round(((raw - low) / (high - low)) * 10_000) / 10_000;
  }
  if (scaled !== undefined && scaled >= -1 && scaled <= 1) out.scaled = scaled;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Builds the statements of one report: actor, ids and context are the same for all. */
class Frame {
  private readonly courseId: string;
  private readonly scoId: string;
  private readonly attemptId: string;

  constructor(
    private readonly report: RuntimeReport,
    private readonly target: ReportTarget,
  ) {
    const identifier = target.course.identifier || target.packageName;
    this.courseId = scormCourseActivityId(identifier);
    this.scoId = scoActivityId(identifier, target.sco.identifier);
    this.attemptId = `${this.scoId}?attemptId=${encodeURIComponent(report.attempt)}`;
  }

  sco(verb: keyof typeof SCORM_VERBS, key: string, timestamp: string, result?: Json): Statement {
    return this.statement(
      verb,
      key,
      timestamp,
      { objectType: 'Activity', id: this.scoId, definition: { type: ACTIVITY.lesson, name: names(this.target.sco.title) } },
      result,
      false,
    );
  }

  interaction(interaction: Interaction, index: number, fallbackTimestamp: string): Statement | undefined {
    if (interaction.id === '' || (interaction.response === undefined && interaction.success === undefined)) {
      return undefined;
    }
    const definition: Json = { type: ACTIVITY.interaction, name: names(interaction.id) };
    if (interaction.description) definition.description = names(interaction.description);
    if (interaction.type) {
      definition.interactionType = interaction.type;
      if (interaction.correctPatterns.length > 0) definition.correctResponsesPattern = interaction.correctPatterns;
    }
    const result: Json = {};
    if (interaction.response !== undefined) result.response = interaction.response;
    if (interaction.success !== undefined) result.success = interaction.success;
    if (interaction.latencySeconds !== undefined) result.duration = isoDuration(interaction.latencySeconds);
    const content = [interaction.id, interaction.type ?? '', interaction.response ?? '', String(interaction.success ?? '')];
    return this.statement(
      'answered',
      `interaction:${index}:${digest(content.join('\u0000'))}`,
      interaction.timestamp ?? fallbackTimestamp,
      {
        objectType: 'Activity',
        id: `${this.scoId}/interactions/${encodeURIComponent(interaction.id)}`,
        definition,
      },
      result,
      true,
    );
  }

  private statement(
    verb: keyof typeof SCORM_VERBS,
    key: string,
    timestamp: string,
    object: Json,
    result: Json | undefined,
    insideSco: boolean,
  ): Statement {
    const { packageName, nip, learnerName, course } = this.target;
    const grouping = [
      { objectType: 'Activity', id: this.courseId, definition: { type: ACTIVITY.course, name: names(course.title) } },
      { objectType: 'Activity', id: this.attemptId, definition: { type: ACTIVITY.attempt } },
    ];
    const statement: Json = {
      id: nameUuid([packageName, nip, this.report.attempt, key].join('\u0000')),
      actor: learnerAgent(nip, learnerName),
      verb: SCORM_VERBS[verb],
      object,
      context: {
        registration: nameUuid(['registration', packageName, nip].join('\u0000')),
        contextActivities: {
          ...(insideSco ? { parent: [{ objectType: 'Activity', id: this.scoId }] } : {}),
          grouping,
          category: [{ objectType: 'Activity', id: SCORM_PROFILE_ACTIVITY }],
        },
        platform: 'SMART host player (scorm-again)',
      },
      timestamp,
    };
    if (result && Object.keys(result).length > 0) statement.result = result;
    return statement as unknown as Statement;
  }
}

/** A third-party package's titles come in a language the host does not know: BCP 47 "und". */
function names(text: string): Record<string, string> {
  return { und: text || '-' };
}

/** A name-based UUID (version 5, RFC 9562 section 5.5) of `name` in the host's namespace. */
function nameUuid(name: string): string {
  const namespace = Buffer.from(STATEMENT_ID_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function digest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16);
}

function interactionType(value: string): InteractionType | undefined {
  return (INTERACTION_TYPES as readonly string[]).includes(value) ? (value as InteractionType) : undefined;
}

/**
 * A SCORM 1.2 response or pattern in xAPI's format: lists are joined by
 * `[,]` instead of `,`, matching pairs by `[.]` instead of `.`, and
 * true-false is `true` / `false` instead of `t` / `f` / `1` / `0`.
 */
function scorm12Response(type: InteractionType | undefined, value: string): string {
  switch (type) {
    case 'true-false':
      if (/^(t|1|true)$/i.test(value)) return 'true';
      if (/^(f|0|false)$/i.test(value)) return 'false';
      return value;
    case 'choice':
    case 'sequencing':
      return value.split(',').map((part) => part.trim()).join('[,]');
    case 'matching':
      return value
        .split(',')
        .map((pair) => pair.trim().split('.').join('[.]'))
        .join('[,]');
    default:
      return value;
  }
}

/** SCORM 1.2 CMITimespan (HHHH:MM:SS.SS) in seconds. */
function scorm12Seconds(value: string): number | undefined {
  const match = /^(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)$/.exec(value);
  if (!match) return undefined;
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  return seconds > 0 ? seconds : undefined;
}

/** An ISO 8601 duration (SCORM 2004 timeinterval, e.g. PT1H2M3.5S) in seconds. */
function isoSeconds(value: string): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return undefined;
  const [, years, months, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  const total =
    (years ?? 0) * 365 * 86_400 +
    (months ?? 0) * 30 * 86_400 +
    (days ?? 0) * 86_400 +
    (hours ?? 0) * 3600 +
    (minutes ?? 0) * 60 +
    (seconds ?? 0);
  return total > 0 ? total : undefined;
}

function secondsBetween(from: string, to: string): number | undefined {
  const seconds = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function isTimestamp(value: string): boolean {
  const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
  return shape.test(value) && !Number.isNaN(Date.parse(value));
}

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** scorm-again keeps arrays (interactions, patterns) as objects keyed by index. */
function entries(value: unknown): Json[] {
  const record = object(value);
  return Object.keys(record)
    .filter((key) => /^\d+$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => object(record[key]));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, 4000) : '';
}

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

function number(value: unknown): number | undefined {
  const source = typeof value === 'number' ? String(value) : text(value);
  if (!/^-?\d+(\.\d+)?$/.test(source)) return undefined;
  const parsed = Number(source);
  return Number.isFinite(parsed) ? parsed : undefined;
}

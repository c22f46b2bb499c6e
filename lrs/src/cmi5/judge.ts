import { PROFILE_IRI } from '@smart-training/xapi';
import type { Clock } from '../clock';
import { DuplicateStatementIdError, type StatementRecord, type Store, type StoreRoot } from '../store/types';
import type { AssignableUnit, CourseStructure, MoveOn } from './course-structure';
import { UnknownRegistrationError } from './errors';
import { CMI5, launchActivityId, lmsBlockActivityId, lmsCourseActivityId, nameUuid } from './ids';
import { satisfiedStatement, waivedStatement, type LmsFrame } from './lms-statements';
import { learnerKey, lmsRecords, readRegistration, updateRegistration, type RegistrationRecord } from './records';

/*
 * Judging a registration (cmi5 9.3.9, 13.1.4 moveOn): which AUs are
 * satisfied by the AU's own statements, which the SMART placement rule
 * waives, and which blocks and the course are therefore satisfied. Every
 * statement the LMS issues here has an id derived from what it records, and
 * what is already stored is not issued again: judging twice stores nothing new.
 */

/** The SMART placement rule's reason for waiving the training (cmi5 9.5.5.2). */
export const TESTED_OUT = 'Tested Out';

/** How one AU stands in the registration. */
export interface AuStanding {
  auId: string;
  activityId: string;
  moveOn: MoveOn;
  passed: boolean;
  completed: boolean;
  waived: boolean;
  satisfied: boolean;
}

/** What {@link judgeRegistration} found and issued. */
export interface Judgement {
  registration: string;
  courseId: string;
  satisfied: boolean;
  aus: AuStanding[];
  /** The statements stored by this call (ids); empty when everything was already recorded. */
  issued: { id: string; verb: string; objectId: string }[];
}

export interface JudgeContext {
  root: StoreRoot;
  store: Store;
  clock: Clock;
}

/** The batch the LMS reads a registration's statements in: a registration holds a few hundred at most. */
const QUERY_LIMIT = 10_000;

/**
 * Judges the registration and issues what is due: `waived` (reason "Tested
 * Out") for the material and final AUs once the SMART placement AU is
 * passed, and `satisfied` for each block and the course whose AUs are all
 * satisfied. `sessionId` names the AU session whose end triggered the
 * judging (cmi5 9.3.9); without it each satisfied statement gets a session
 * id of its own. Sessions that terminated are closed: their tokens stop.
 */
export async function judgeRegistration(
  context: JudgeContext,
  registration: string,
  sessionId?: string,
): Promise<Judgement> {
  const { store, clock } = context;
  const record = await readRegistration(store, registration);
  if (!record) throw new UnknownRegistrationError(registration);
  // A concurrent judge may store one of our ids first; a second round then sees it.
  for (let round = 0; ; round += 1) {
    const statements = await registrationStatements(store, record);
    const plan = judge(record, statements, clock.now().toISOString(), sessionId);
    try {
      if (plan.statements.length > 0) await store.insertStatements(plan.statements, []);
    } catch (error) {
      if (error instanceof DuplicateStatementIdError && round === 0) continue;
      throw error;
    }
    await closeTerminatedSessions(context, record, statements);
    return {
      registration,
      courseId: record.course.id,
      satisfied: plan.courseSatisfied,
      aus: plan.aus,
      issued: plan.statements.map((statement) => ({
        id: statement.id,
        verb: statement.verbId,
        objectId: statement.activityId ?? '',
      })),
    };
  }
}

/** The learner's statements in the registration, oldest first. */
export async function registrationStatements(store: Store, record: RegistrationRecord): Promise<StatementRecord[]> {
  const found = await store.queryStatements({
    registration: record.registration,
    agentKey: learnerKey(record.nip),
    ascending: true,
    limit: QUERY_LIMIT,
  });
  return found.filter((statement) => !statement.voided);
}

interface Plan {
  aus: AuStanding[];
  courseSatisfied: boolean;
  statements: StatementRecord[];
}

function judge(record: RegistrationRecord, statements: StatementRecord[], now: string, sessionId?: string): Plan {
  const { course } = record;
  const storedIds = new Set(statements.map((statement) => statement.id));
  const aus = course.aus.map((au) => standing(course, au, statements));
  const issue: Record<string, unknown>[] = [];
  const frame = (id: string, session: string): LmsFrame => ({
    id,
    nip: record.nip,
    learnerName: record.learnerName,
    registration: record.registration,
    sessionId: session,
    timestamp: now,
  });

  // The SMART rule: a passed placement test waives the training (DESIGN 1.1).
  const placement = aus.find((entry) => smartTestOf(entry.auId) === 'placement');
  if (placement?.passed) {
    for (const entry of aus) {
      const test = smartTestOf(entry.auId);
      const waivable = test === 'final' || test?.startsWith('material:');
      if (!waivable || entry.satisfied) continue;
      const au = course.aus.find((candidate) => candidate.id === entry.auId) as AssignableUnit;
      const id = nameUuid('waived', record.registration, au.id);
      // cmi5 9.3.7: a session id of its own, used by no other statement.
      const session = nameUuid('waived-session', record.registration, au.id);
      issue.push(waivedStatement(frame(id, session), entry.activityId, au, TESTED_OUT));
      entry.waived = true;
      entry.satisfied = true;
    }
  }

  const satisfiedAus = new Set(aus.filter((entry) => entry.satisfied).map((entry) => entry.auId));
  const targets = [
    ...course.blocks.map((block) => ({
      objectId: lmsBlockActivityId(course.id, block.id),
      publisherId: block.id,
      type: CMI5.blockType,
      title: block.title,
      auIds: block.auIds,
    })),
    {
      objectId: lmsCourseActivityId(course.id),
      publisherId: course.id,
      type: CMI5.courseType,
      title: course.title,
      auIds: course.aus.map((au) => au.id),
    },
  ];
  for (const target of targets) {
    if (!target.auIds.every((auId) => satisfiedAus.has(auId))) continue;
    const id = nameUuid('satisfied', record.registration, target.objectId);
    const session = sessionId ?? nameUuid('satisfied-session', record.registration, target.objectId);
    issue.push(satisfiedStatement(frame(id, session), target));
  }
  const fresh = issue.filter((statement) => !storedIds.has(statement.id as string));
  return {
    aus,
    courseSatisfied: course.aus.every((au) => satisfiedAus.has(au.id)),
    statements: lmsRecords(fresh, now),
  };
}

/** How an AU stands, from the cmi5 defined statements about its launch activity (cmi5 9.3). */
function standing(course: CourseStructure, au: AssignableUnit, statements: StatementRecord[]): AuStanding {
  const activityId = launchActivityId(course.id, au.id);
  const about = statements.filter((statement) => statement.activityId === activityId && isCmi5Defined(statement));
  const has = (verbId: string) => about.some((statement) => statement.verbId === verbId);
  // A pass below the mastery score breaks cmi5 9.3.4 and is not counted.
  const passed = about.some(
    (statement) => statement.verbId === CMI5.verbs.passed && meetsMastery(statement, au.masteryScore),
  );
  const completed = has(CMI5.verbs.completed);
  const waived = has(CMI5.verbs.waived);
  return {
    auId: au.id,
    activityId,
    moveOn: au.moveOn,
    passed,
    completed,
    waived,
    satisfied: waived || moveOnMet(au.moveOn, passed, completed),
  };
}

function moveOnMet(moveOn: MoveOn, passed: boolean, completed: boolean): boolean {
  switch (moveOn) {
    case 'Passed':
      return passed;
    case 'Completed':
      return completed;
    case 'CompletedAndPassed':
      return completed && passed;
    case 'CompletedOrPassed':
      return completed || passed;
    case 'NotApplicable':
      return true;
  }
}

function isCmi5Defined(statement: StatementRecord): boolean {
  const context = statement.statement.context as { contextActivities?: { category?: { id?: unknown }[] } } | undefined;
  return context?.contextActivities?.category?.some((activity) => activity.id === CMI5.category) ?? false;
}

function meetsMastery(statement: StatementRecord, masteryScore: number | undefined): boolean {
  const scaled = (statement.statement.result as { score?: { scaled?: unknown } } | undefined)?.score?.scaled;
  return masteryScore === undefined || typeof scaled !== 'number' || scaled >= masteryScore;
}

/**
 * The SMART test an AU launches, read from its publisher id
 * (`auActivityId(courseId, testId)` of @smart-training/xapi), or undefined
 * for an AU of any other publisher.
 */
export function smartTestOf(auId: string): string | undefined {
  const prefix = `${PROFILE_IRI}/activities/course/`;
  if (!auId.startsWith(prefix)) return undefined;
  const marker = auId.indexOf('/au/', prefix.length);
  if (marker < 0) return undefined;
  return auId
    .slice(marker + '/au/'.length)
    .split('/')
    .map(decodeURIComponent)
    .join(':');
}

/** Closes the sessions whose AU sent `terminated`: the LMS takes no more statements for them (cmi5 9.3.8). */
async function closeTerminatedSessions(
  context: JudgeContext,
  record: RegistrationRecord,
  statements: StatementRecord[],
): Promise<void> {
  const terminated = new Set(
    statements
      .filter((statement) => statement.verbId === CMI5.verbs.terminated)
      .map((statement) => sessionIdOf(statement)),
  );
  const closing = record.sessions.filter((session) => session.closedAt === null && terminated.has(session.id));
  if (closing.length === 0) return;
  await closeSessions(context, record.registration, closing.map((session) => session.id));
}

/** Marks sessions closed and revokes the tokens their fetch URLs handed out. */
export async function closeSessions(context: JudgeContext, registration: string, sessionIds: string[]): Promise<void> {
  const at = context.clock.now().toISOString();
  const updated = await updateRegistration(context.store, context.clock, registration, (current) => {
    if (!current) throw new UnknownRegistrationError(registration);
    return {
      ...current,
      sessions: current.sessions.map((session) =>
        sessionIds.includes(session.id) && session.closedAt === null ? { ...session, closedAt: at } : session,
      ),
    };
  });
  for (const session of updated.sessions) {
    if (sessionIds.includes(session.id) && session.credentialKey !== null) {
      await context.root.revokeCredential(session.credentialKey, at);
    }
  }
}

/** The cmi5 session id in a statement's context, if any. */
export function sessionIdOf(statement: StatementRecord): string | undefined {
  const extensions = (statement.statement.context as { extensions?: Record<string, unknown> } | undefined)?.extensions;
  const value = extensions?.[CMI5.sessionId];
  return typeof value === 'string' ? value : undefined;
}

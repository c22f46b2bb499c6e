import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { courseActivityId, learnerAgent, PROFILE_IRI } from '@smart-training/xapi';
import { hashSecret, newKeyPair } from '../auth';
import type { Clock } from '../clock';
import { PRESETS } from '../scopes';
import { requireEmployee, wellFormedNip } from '../smart/learners';
import { parseBody, type BodyShape } from '../smart/request-body';
import type { Store, StoreRoot } from '../store/types';
import { auCredentialBinding } from './au-credential';
import { parseCourseStructure, type AssignableUnit, type CourseStructure } from './course-structure';
import {
  InvalidCourseStructureError,
  UnknownAuError,
  UnknownCmi5PackageError,
  UnknownRegistrationError,
} from './errors';
import { CMI5, launchActivityId } from './ids';
import { closeSessions, judgeRegistration, registrationStatements, sessionIdOf, type JudgeContext } from './judge';
import { abandonedStatement, launchedStatement } from './lms-statements';
import {
  learnerKey,
  lmsRecords,
  putStateDocument,
  readRegistration,
  updateRegistration,
  type RegistrationRecord,
  type SessionEntry,
} from './records';

/*
 * Launching an AU as the cmi5 LMS (cmi5 8, 10): the registration, the
 * session, LMS.LaunchData, the `launched` statement, and a one-time fetch
 * URL that hands the AU its auth token.
 */

/** How long a fetch URL waits to be used before it expires (cmi5 8.2.3, error 1). */
export const FETCH_URL_LIFETIME_MS = 10 * 60 * 1000;

const launchRequest = z
  .object({
    package: z.string().min(1).optional(),
    courseStructure: z.string().min(1).optional(),
    nip: z.string().trim().min(1),
    auId: z.string().min(1),
    returnUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict()
  .refine((body) => (body.package === undefined) !== (body.courseStructure === undefined), {
    message: 'give either package (a hosted package name) or courseStructure (the cmi5.xml text), not both',
    params: {
      messageId: 'berikan package (nama paket yang di-host) atau courseStructure (teks cmi5.xml), bukan keduanya',
    },
    path: ['package'],
  });

const LAUNCH_BODY: BodyShape = {
  code: 'invalid_launch',
  field: { en: 'launch property', id: 'properti peluncuran' },
  expected: {
    en: 'JSON {"package" or "courseStructure", "nip", "auId", "returnUrl"?}',
    id: 'JSON {"package" atau "courseStructure", "nip", "auId", "returnUrl"?}',
  },
};

export interface LaunchContext extends JudgeContext {
  /** Folder of hosted packages (served at `/host/packages/`); launches by package need it. */
  packagesDir: string | undefined;
  /** Where the LRS is reached from the browser, e.g. `https://lrs.example.go.id`. */
  origin: string;
}

/** The answer to a launch: what the host page needs to open the AU. */
export interface LaunchView {
  registration: string;
  sessionId: string;
  courseId: string;
  auId: string;
  /** The activity id the AU is launched with (differs from the publisher's AU id, cmi5 8.1.5). */
  activityId: string;
  launchMethod: AssignableUnit['launchMethod'];
  /** The AU URL with the five cmi5 launch parameters. */
  launchUrl: string;
  endpoint: string;
  fetchUrl: string;
  actor: Record<string, unknown>;
}

/**
 * Launches an AU for a learner: judges the registration first (cmi5 9.6.1),
 * abandons a session of the registration still open (cmi5 9.3.6), writes
 * LMS.LaunchData and stores `launched`, then answers the launch URL.
 */
export async function launchAu(context: LaunchContext, body: unknown): Promise<LaunchView> {
  const { store, clock } = context;
  const request = parseBody(launchRequest, body, LAUNCH_BODY);
  const nip = wellFormedNip(request.nip);
  const employee = await requireEmployee(store, nip);
  const { course, packageName, baseUrl } = await loadCourse(context, request);
  const au = course.aus.find((candidate) => candidate.id === request.auId);
  if (!au) throw new UnknownAuError(request.auId, course.aus.map((candidate) => candidate.id));
  const auUrl = resolveAuUrl(au, baseUrl);

  const now = clock.now();
  const enrolment = await store.ensureEnrolment({
    courseId: await enrolmentCourseId(store, course.id),
    nip,
    registration: randomUUID(),
    createdAt: now.toISOString(),
  });
  const { registration } = enrolment;
  await updateRegistration(store, clock, registration, (current) => ({
    registration,
    nip,
    learnerName: employee.name,
    course,
    packageName,
    sessions: current?.sessions ?? [],
  }));
  await judgeRegistration(context, registration);
  await abandonOpenSessions(context, registration);

  const sessionId = randomUUID();
  const activityId = launchActivityId(course.id, au.id);
  const actor = learnerAgent(nip, employee.name) as unknown as Record<string, unknown>;
  await putStateDocument(
    store,
    clock,
    {
      kind: 'state',
      activityId,
      agentKey: learnerKey(nip),
      registration,
      documentId: CMI5.launchDataStateId,
    },
    launchData(au, registration, sessionId, returnUrlOf(context.origin, store.storeId, registration, sessionId)),
  );

  const secret = randomBytes(24).toString('base64url');
  const launchedAt = now.toISOString();
  const session: SessionEntry = {
    id: sessionId,
    auId: au.id,
    launchedAt,
    fetchTokenHash: hashSecret(secret),
    fetchExpiresAt: new Date(now.getTime() + FETCH_URL_LIFETIME_MS).toISOString(),
    fetchedAt: null,
    credentialKey: null,
    closedAt: null,
    returnUrl: request.returnUrl ?? null,
  };
  await updateRegistration(store, clock, registration, (current) => ({
    ...(current as RegistrationRecord),
    sessions: [...(current?.sessions ?? []), session],
  }));
  const frame = {
    id: randomUUID(),
    nip,
    learnerName: employee.name,
    registration,
    sessionId,
    timestamp: launchedAt,
  };
  await store.insertStatements(
    lmsRecords([launchedStatement(frame, { activityId, au, launchUrl: auUrl.href })], launchedAt),
    [],
  );

  const endpoint = `${context.origin}/xapi/`;
  const fetchUrl = `${context.origin}/host/cmi5/fetch/${fetchToken(store.storeId, registration, secret)}`;
  const launchUrl = new URL(auUrl.href);
  launchUrl.searchParams.set('endpoint', endpoint);
  launchUrl.searchParams.set('fetch', fetchUrl);
  launchUrl.searchParams.set('actor', JSON.stringify(actor));
  launchUrl.searchParams.set('registration', registration);
  launchUrl.searchParams.set('activityId', activityId);
  return {
    registration,
    sessionId,
    courseId: course.id,
    auId: au.id,
    activityId,
    launchMethod: au.launchMethod,
    launchUrl: launchUrl.href,
    endpoint,
    fetchUrl,
    actor,
  };
}

/**
 * The returnURL of LMS.LaunchData: the AU goes there when it terminates
 * (cmi5 10.2.6), so the LMS judges the session then and sends the learner
 * on to where the launch asked.
 */
export function returnUrlOf(origin: string, storeId: string, registration: string, sessionId: string): string {
  return `${origin}/host/cmi5/return/${storeId}/${registration}/${sessionId}`;
}

/** The LMS.LaunchData state document (cmi5 10.2). */
function launchData(au: AssignableUnit, registration: string, sessionId: string, returnUrl: string) {
  return {
    contextTemplate: {
      registration,
      contextActivities: { grouping: [{ objectType: 'Activity', id: au.id }] },
      extensions: { [CMI5.sessionId]: sessionId },
    },
    launchMode: 'Normal',
    launchMethod: au.launchMethod,
    moveOn: au.moveOn,
    ...(au.masteryScore !== undefined ? { masteryScore: au.masteryScore } : {}),
    ...(au.launchParameters !== undefined ? { launchParameters: au.launchParameters } : {}),
    ...(au.entitlementKey !== undefined ? { entitlementKey: { courseStructure: au.entitlementKey } } : {}),
    returnURL: returnUrl,
  };
}

const PACKAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

async function loadCourse(
  context: LaunchContext,
  request: { package?: string | undefined; courseStructure?: string | undefined },
): Promise<{ course: CourseStructure; packageName: string | null; baseUrl: string | null }> {
  if (request.courseStructure !== undefined) {
    return { course: parseCourseStructure(request.courseStructure), packageName: null, baseUrl: null };
  }
  const name = request.package as string;
  if (!PACKAGE_NAME.test(name) || context.packagesDir === undefined) throw new UnknownCmi5PackageError(name);
  const xml = await readFile(path.join(context.packagesDir, name, 'cmi5.xml'), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new UnknownCmi5PackageError(name);
      throw error;
    },
  );
  return {
    course: parseCourseStructure(xml),
    packageName: name,
    baseUrl: `${context.origin}/host/packages/${encodeURIComponent(name)}/`,
  };
}

/**
 * The AU's URL: relative ones against the hosted package; a structure given
 * without a package needs fully qualified URLs (cmi5 14.2).
 */
function resolveAuUrl(au: AssignableUnit, baseUrl: string | null): URL {
  try {
    return baseUrl === null ? new URL(au.url) : new URL(au.url, baseUrl);
  } catch {
    throw new InvalidCourseStructureError(
      `au "${au.id}" has the url "${au.url}", which is not a fully qualified URL; a course structure launched without its package needs one (cmi5 14.2)`,
    );
  }
}

/**
 * The course the enrolment (and so the registration) belongs to: for a
 * SMART course published here, the SMART course itself, so that the unit's
 * SMART session and the cmi5 launches share one registration; otherwise the
 * publisher's course id.
 */
async function enrolmentCourseId(store: Store, publisherCourseId: string): Promise<string> {
  const prefix = `${PROFILE_IRI}/activities/course/`;
  if (!publisherCourseId.startsWith(prefix)) return publisherCourseId;
  const smartCourseId = decodeURIComponent(publisherCourseId.slice(prefix.length));
  const published = courseActivityId(smartCourseId) === publisherCourseId && (await store.getCourse(smartCourseId));
  return published ? smartCourseId : publisherCourseId;
}

/**
 * Ends the registration's sessions still open before a new launch: one
 * whose AU never sent `terminated` is abandoned, with the time from launch
 * to its last statement as duration (cmi5 9.3.6, 9.5.4.2).
 */
async function abandonOpenSessions(context: LaunchContext, registration: string): Promise<void> {
  const record = (await readRegistration(context.store, registration)) as RegistrationRecord;
  const open = record.sessions.filter((session) => session.closedAt === null);
  if (open.length === 0) return;
  const statements = await registrationStatements(context.store, record);
  const now = context.clock.now().toISOString();
  const abandoned: Record<string, unknown>[] = [];
  for (const session of open) {
    const own = statements.filter((statement) => sessionIdOf(statement) === session.id);
    if (own.some((statement) => statement.verbId === CMI5.verbs.terminated)) continue;
    const au = record.course.aus.find((candidate) => candidate.id === session.auId);
    if (!au) continue;
    const last = own.map((statement) => statement.statement.timestamp as string).sort().at(-1) ?? session.launchedAt;
    const seconds = Math.max(0, (Date.parse(last) - Date.parse(session.launchedAt)) / 1000);
    abandoned.push(
      abandonedStatement(
        {
          id: randomUUID(),
          nip: record.nip,
          learnerName: record.learnerName,
          registration,
          sessionId: session.id,
          timestamp: now,
        },
        launchActivityId(record.course.id, au.id),
        au,
        `PT${Number(seconds.toFixed(2))}S`,
      ),
    );
  }
  if (abandoned.length > 0) await context.store.insertStatements(lmsRecords(abandoned, now), []);
  await closeSessions(context, registration, open.map((session) => session.id));
}

/** The one-time token in a fetch URL: it names the store, the registration and a secret. */
function fetchToken(storeId: string, registration: string, secret: string): string {
  return `${storeId}.${registration}.${secret}`;
}

/** The answer of a fetch URL (cmi5 8.2): the token once, an error object after. */
export type FetchAnswer = { 'auth-token': string } | { 'error-code': '1' | '2' | '3'; 'error-text': string };

/**
 * Answers a fetch URL: the first call gets a credential bound to the
 * learner, the registration and the session, as a Basic auth token; every
 * later call, or a call after the URL expired or the session ended, error 1;
 * an unknown token error 2.
 */
export async function fetchAuthToken(root: StoreRoot, clock: Clock, token: string): Promise<FetchAnswer> {
  const unknown: FetchAnswer = {
    'error-code': '2',
    'error-text': 'This fetch URL is not valid. Launch the AU again from the LMS.',
  };
  const [storeId, registration, secret, ...rest] = token.split('.');
  if (!storeId || !registration || !secret || rest.length > 0) return unknown;
  let store: Store;
  try {
    store = root.store(storeId);
  } catch {
    return unknown;
  }
  const record = await readRegistration(store, registration);
  const hash = hashSecret(secret);
  const session = record?.sessions.find((entry) => entry.fetchTokenHash === hash);
  if (!record || !session) return unknown;

  const now = clock.now().toISOString();
  const used: FetchAnswer = {
    'error-code': '1',
    'error-text': 'The authorization token has already been returned, or the session has ended. Launch the AU again from the LMS.',
  };
  const pair = newKeyPair();
  let granted = false;
  await updateRegistration(store, clock, registration, (current) => {
    const entry = current?.sessions.find((candidate) => candidate.id === session.id);
    granted = entry !== undefined && entry.fetchedAt === null && entry.closedAt === null && now < entry.fetchExpiresAt;
    if (!current) throw new UnknownRegistrationError(registration);
    if (!granted) return current;
    return {
      ...current,
      sessions: current.sessions.map((candidate) =>
        candidate.id === session.id ? { ...candidate, fetchedAt: now, credentialKey: pair.key } : candidate,
      ),
    };
  });
  if (!granted) return used;
  await store.insertCredential({
    key: pair.key,
    secretHash: hashSecret(pair.secret),
    kind: 'session',
    scopes: PRESETS.session,
    courseId: auCredentialBinding(registration, session.id),
    nip: record.nip,
    label: `cmi5 AU session ${session.id}`,
    createdAt: now,
  });
  return { 'auth-token': Buffer.from(`${pair.key}:${pair.secret}`, 'utf8').toString('base64') };
}

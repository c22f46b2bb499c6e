import { learnerAgent } from '@smart-training/xapi';
import type { Store } from '../store/types';
import { agentKey, VOIDED_VERB, type StatementJson } from '../xapi/model';
import { AuRequestRefusedError } from './errors';
import { CMI5, LMS_VERB_IDS } from './ids';

/*
 * The credential an AU gets from its fetch URL (cmi5 8.2). It is a learner
 * session credential (kind `session`, the session scopes) whose course
 * column names the cmi5 session instead of a SMART course:
 * `cmi5 <registration> <sessionId>`. The principal then carries an
 * {@link AuSession} in place of a SMART learner, so the SMART calls refuse
 * it, and the xAPI resources hold it to its learner, registration and
 * session with the checks below.
 */

/** What an AU's auth token is bound to. */
export interface AuSession {
  nip: string;
  registration: string;
  sessionId: string;
}

const PREFIX = 'cmi5 ';

/** The course column of an AU credential. */
export function auCredentialBinding(registration: string, sessionId: string): string {
  return `${PREFIX}${registration} ${sessionId}`;
}

/** The AU session a credential acts for, or null when it is not an AU credential. */
export function auSessionOf(credential: {
  kind: string;
  courseId: string | null;
  nip: string | null;
}): AuSession | null {
  if (credential.kind !== 'session' || credential.nip === null || !credential.courseId?.startsWith(PREFIX)) {
    return null;
  }
  const [registration, sessionId] = credential.courseId.slice(PREFIX.length).split(' ');
  if (!registration || !sessionId) return null;
  return { nip: credential.nip, registration, sessionId };
}

/**
 * The rules of cmi5 6.3 and 9 an AU's statement must keep to be recorded:
 * no LMS verb and no voiding, and the context of its launch (registration
 * and session id from the context template). The actor is checked with the
 * other learner-bound credentials.
 */
export function authoriseAuStatement(session: AuSession, statement: StatementJson): void {
  const verbId = (statement.verb as { id: string }).id;
  if (verbId === VOIDED_VERB) {
    refuse('void statements (cmi5 6.3)', 'membatalkan (void) pernyataan (cmi5 6.3)');
  }
  if (LMS_VERB_IDS.includes(verbId)) {
    refuse(
      `send "${verbId}", a verb only the LMS issues (cmi5 9.3)`,
      `mengirim "${verbId}", verba yang hanya dikeluarkan LMS (cmi5 9.3)`,
    );
  }
  const context = statement.context as { registration?: unknown; extensions?: Record<string, unknown> } | undefined;
  if (context?.registration !== session.registration) {
    refuse(
      `send a statement without the registration ${session.registration} of its launch in context.registration`,
      `mengirim pernyataan tanpa registrasi ${session.registration} dari peluncurannya pada context.registration`,
    );
  }
  if (context.extensions?.[CMI5.sessionId] !== session.sessionId) {
    refuse(
      `send a statement without its session id ${session.sessionId} in the context extension ${CMI5.sessionId} (use the contextTemplate of LMS.LaunchData)`,
      `mengirim pernyataan tanpa id sesi ${session.sessionId} pada ekstensi konteks ${CMI5.sessionId} (gunakan contextTemplate dari LMS.LaunchData)`,
    );
  }
}

const PASSED: string = CMI5.verbs.passed;
const FAILED: string = CMI5.verbs.failed;
const COMPLETED: string = CMI5.verbs.completed;

function isCmi5Defined(statement: StatementJson): boolean {
  const context = statement.context as { contextActivities?: { category?: { id?: unknown }[] } } | undefined;
  return context?.contextActivities?.category?.some((activity) => activity.id === CMI5.category) ?? false;
}

/**
 * The registration rules of cmi5 9.3 for an AU's cmi5 defined statements:
 * at most one `completed` and one `passed` per AU in a registration, and no
 * `failed` after a `passed`. Failures before the pass are allowed: that is
 * how remedial retakes look. A statement already stored under the same id
 * is a repeat, not a second pass.
 */
export async function authoriseAuRegistrationRules(
  store: Store,
  session: AuSession,
  statements: readonly StatementJson[],
): Promise<void> {
  const verbOf = (statement: StatementJson) => (statement.verb as { id: string }).id;
  const judged = statements.filter(
    (statement) => isCmi5Defined(statement) && [PASSED, FAILED, COMPLETED].includes(verbOf(statement)),
  );
  const incomingIds = new Set(statements.map((statement) => statement.id as string));
  const activityIds = [...new Set(judged.map((statement) => (statement.object as { id: string }).id))];
  for (const activityId of activityIds) {
    const stored = (
      await store.queryStatements({
        registration: session.registration,
        agentKey: agentKey(learnerAgent(session.nip)) ?? '',
        activityId,
        ascending: true,
        limit: 10_000,
      })
    ).filter((record) => !record.voided && !incomingIds.has(record.id) && isCmi5Defined(record.statement));
    let passed = stored.some((record) => record.verbId === PASSED);
    let completed = stored.some((record) => record.verbId === COMPLETED);
    for (const statement of judged.filter((candidate) => (candidate.object as { id: string }).id === activityId)) {
      const verbId = verbOf(statement);
      if (verbId === COMPLETED) {
        if (completed) {
          refuse(
            'send a second "completed" for the AU in this registration (cmi5 9.3)',
            'mengirim "completed" kedua untuk AU ini dalam registrasi ini (cmi5 9.3)',
          );
        }
        completed = true;
      } else {
        if (passed) {
          refuse(
            `send "${verbId}" after the AU passed in this registration; a pass is final (cmi5 9.3)`,
            `mengirim "${verbId}" setelah AU lulus dalam registrasi ini; kelulusan bersifat final (cmi5 9.3)`,
          );
        }
        passed = verbId === PASSED;
      }
    }
  }
}

/**
 * State documents of the AU's own registration only, and LMS.LaunchData
 * read-only (cmi5 10.2.1: the AU must not modify or delete it).
 */
export function authoriseAuDocument(
  session: AuSession,
  target: { kind: string; registration: string | undefined; documentId: string | undefined },
  writing: boolean,
): void {
  if (target.kind === 'state' && target.registration !== session.registration) {
    refuse(
      `reach state documents outside its registration ${session.registration}; give registration=${session.registration}`,
      `menjangkau dokumen state di luar registrasinya ${session.registration}; berikan registration=${session.registration}`,
    );
  }
  const launchData = target.documentId === undefined || target.documentId === CMI5.launchDataStateId;
  if (writing && target.kind === 'state' && launchData) {
    refuse(
      'change or delete LMS.LaunchData (cmi5 10.2.1)',
      'mengubah atau menghapus LMS.LaunchData (cmi5 10.2.1)',
    );
  }
}

function refuse(reason: string, reasonId: string): never {
  throw new AuRequestRefusedError(reason, reasonId);
}

import XAPI, { type Statement } from '@xapi/xapi';
import type { LocalizedText } from '@smart-training/core';
import {
  materialExperiencedStatement,
  unitLifecycleStatement,
  type StatementFrame,
} from '@smart-training/xapi';
import type { HostKind } from './host';
import { basicAuth, trimEndpoint, type Credential } from './http';
import { globalEvents, keepaliveFetch, StatementOutbox } from './statement-outbox';
import { defaultQueueStorage, StatementQueue, type QueueStorage } from './statement-queue';
import { randomUuid } from './uuid';

export interface StatementClientOptions {
  /** LRS base URL; statements go to `<endpoint>/xapi/statements`. */
  endpoint: string;
  /** The session credential from {@link AssessmentClient}. */
  credential: Credential;
  course: { id: string; title: LocalizedText };
  learner: { nip: string; name?: string };
  /** The learner's enrolment registration UUID. */
  registration: string;
  /** Recorded as the statements' platform. */
  hostKind: HostKind;
  /**
   * Where statements that could not be sent wait, per LRS; `localStorage`
   * by default, null to keep them in memory only.
   */
  storage?: QueueStorage | null;
  /**
   * The window whose `online` event sends waiting statements; the global
   * one by default.
   */
  events?: Pick<EventTarget, 'addEventListener'> | null;
  /** The first wait before sending again after a failure, doubled up to 5 minutes. Default 2,000 ms. */
  retryDelayMs?: number;
}

/**
 * Sends the unit's own xAPI statements (it started, it ended, the learner
 * opened a material) with the session credential. Sending never blocks or
 * breaks the learner's page: every method resolves. A statement the LRS
 * could not take (no network, 408, 429, 5xx) waits in `localStorage` under
 * the LRS's key and is sent again, oldest first: with the next statement,
 * when the browser comes back online, after a growing delay, and at the
 * next session's start. Statement ids are fixed when a statement is built,
 * so resending one the LRS did store is a no-op there, never a duplicate.
 *
 * @example
 * const statements = new StatementClient({ endpoint, credential: client.credential, course, learner, registration, hostKind: host.kind });
 * void statements.initialized();
 */
export class StatementClient {
  private readonly outbox: StatementOutbox;

  constructor(private readonly options: StatementClientOptions) {
    const endpoint = trimEndpoint(options.endpoint);
    const storage = options.storage === undefined ? defaultQueueStorage() : options.storage;
    this.outbox = new StatementOutbox({
      xapi: new XAPI({ endpoint: `${endpoint}/xapi/`, auth: basicAuth(options.credential), adapter: keepaliveFetch }),
      queue: new StatementQueue(storage, `smart-runtime:statement-queue:${endpoint}`),
      endpoint: options.endpoint,
      // Another learner's statements, left by an earlier session on a shared
      // computer, wait for that learner's session: this credential may not send them.
      owns: (statement) => actorNip(statement) === options.learner.nip,
      events: options.events === undefined ? globalEvents() : options.events,
      ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    });
    // Statements an earlier session of this learner could not send.
    if (this.pending > 0) void this.outbox.sendPending();
  }

  /** This learner's statements waiting for the LRS. */
  get pending(): number {
    return this.outbox.pending;
  }

  initialized(): Promise<void> {
    return this.outbox.send(unitLifecycleStatement(this.frame(), 'initialized', this.options.hostKind));
  }

  terminated(): Promise<void> {
    return this.outbox.send(unitLifecycleStatement(this.frame(), 'terminated', this.options.hostKind));
  }

  experienced(material: { id: string; title: LocalizedText }): Promise<void> {
    return this.outbox.send(materialExperiencedStatement(this.frame(), material));
  }

  /** Tries to send every waiting statement now; resolves when the LRS took them or refused to. */
  sendPending(): Promise<void> {
    return this.outbox.sendPending();
  }

  private frame(): StatementFrame {
    return {
      id: randomUuid(),
      courseId: this.options.course.id,
      courseTitle: this.options.course.title,
      nip: this.options.learner.nip,
      ...(this.options.learner.name ? { learnerName: this.options.learner.name } : {}),
      registration: this.options.registration,
      timestamp: new Date().toISOString(),
    };
  }
}

function actorNip(statement: Statement): string | undefined {
  const actor = statement.actor as { account?: { name?: string } };
  return actor.account?.name;
}

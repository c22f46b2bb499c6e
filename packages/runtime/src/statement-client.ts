import XAPI, { type Statement } from '@xapi/xapi';
import type { LocalizedText } from '@smart-training/core';
import {
  materialExperiencedStatement,
  unitLifecycleStatement,
  type StatementFrame,
} from '@smart-training/xapi';
import type { HostBridge } from './host';
import { basicAuth, trimEndpoint, type Credential } from './http';
import { randomUuid } from './uuid';
import { warnOnce } from './warnings';

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
  hostKind: HostBridge['kind'];
}

/** @xapi/xapi's transport signature, which the library does not export by name. */
type AdapterFunction = Extract<NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>, Function>;

/** The LRS answered, but with a refusal; resending the same statement cannot help. */
class StatementRefused extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(body);
  }
}

/** 408 and 429 ask the client to come back later; 5xx are the LRS's own faults. */
function isWorthRetrying(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Sends the unit's own xAPI statements (it started, it ended, the learner
 * opened a material) with the session credential. Sending never blocks or
 * breaks the learner's page: every method resolves, statements the LRS
 * could not take are kept in memory and sent again, in order, before the
 * next one. Statement ids are fixed when a statement is built, so a resend
 * of a statement the LRS did store is harmless.
 *
 * @example
 * const statements = new StatementClient({ endpoint, credential: client.credential, course, learner, registration, hostKind: host.kind });
 * void statements.initialized();
 */
export class StatementClient {
  private readonly xapi: XAPI;
  private readonly queue: Statement[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly options: StatementClientOptions) {
    this.xapi = new XAPI({
      endpoint: `${trimEndpoint(options.endpoint)}/xapi/`,
      auth: basicAuth(options.credential),
      adapter: keepaliveFetch,
    });
  }

  /** Statements waiting for the LRS. */
  get pending(): number {
    return this.queue.length;
  }

  initialized(): Promise<void> {
    return this.send(unitLifecycleStatement(this.frame(), 'initialized', this.options.hostKind));
  }

  terminated(): Promise<void> {
    return this.send(unitLifecycleStatement(this.frame(), 'terminated', this.options.hostKind));
  }

  experienced(material: { id: string; title: LocalizedText }): Promise<void> {
    return this.send(materialExperiencedStatement(this.frame(), material));
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

  private async send(statement: Statement): Promise<void> {
    this.queue.push(statement);
    // A flush under way picks the new statement up; wait for it, then make
    // sure this one got its own try even if that flush stopped early.
    if (this.flushing) await this.flushing;
    if (this.queue.includes(statement)) await this.flush();
  }

  private flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      try {
        await this.xapi.sendStatement({ statement: next });
      } catch (error) {
        if (error instanceof StatementRefused && !isWorthRetrying(error.status)) {
          warnOnce(
            'lrs-statement-rejected',
            `${error.status}:${next.verb.id}`,
            `The LRS refused a "${next.verb.id}" statement with ${error.status}: ${error.message}. ` +
              'It was dropped, since sending it again would be refused too; check the LRS log and the unit version.',
          );
        } else {
          warnOnce(
            'lrs-unreachable',
            this.options.endpoint,
            `Statements could not reach the LRS at ${this.options.endpoint} (${describe(error)}). ` +
              'They are kept on this page and sent again with the next statement.',
          );
          return;
        }
      }
      this.queue.shift();
    }
  }
}

/**
 * The transport for @xapi/xapi: fetch with `keepalive`, so the terminated
 * statement still leaves when the learner closes the page, and with the
 * HTTP status kept on refusals, which the library's own fetch adapter drops.
 */
const keepaliveFetch: AdapterFunction = async ({ url, method, data, headers }) => {
  const response = await fetch(url, {
    method,
    // A script's request, like the assessment API's: no browser login dialog on a 401.
    headers: { ...headers, 'X-Requested-With': 'XMLHttpRequest' },
    keepalive: true,
    ...(data === undefined ? {} : { body: typeof data === 'string' ? data : JSON.stringify(data) }),
  });
  const text = await response.text();
  if (!response.ok) throw new StatementRefused(response.status, text.slice(0, 500));
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // xAPI answers some calls with an empty body.
  }
  return {
    data: body as never,
    headers: Object.fromEntries(response.headers.entries()),
    status: response.status,
  };
};

function describe(error: unknown): string {
  if (error instanceof StatementRefused) return `HTTP ${error.status}`;
  return error instanceof Error ? error.message : String(error);
}

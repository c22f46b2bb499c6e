import XAPI, { type Statement } from '@xapi/xapi';
import type { StatementQueue } from './statement-queue';
import { warnOnce } from './warnings';

/** @xapi/xapi's transport signature, which the library does not export by name. */
export type AdapterFunction = Extract<NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>, Function>;

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

export interface StatementOutboxOptions {
  /** The LRS client statements are sent with. */
  xapi: XAPI;
  queue: StatementQueue;
  /** The LRS as warnings name it. */
  endpoint: string;
  /** Which queued statements this outbox may send, e.g. only its learner's. */
  owns?: (statement: Statement) => boolean;
  /** Whose `online` event sends waiting statements; none to rely on later sends and retries. */
  events?: Pick<EventTarget, 'addEventListener'> | null;
  /** The first wait before sending again after a failure, doubled up to 5 minutes. Default 2,000 ms. */
  retryDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * Sends statements to an LRS one at a time, oldest first, keeping in its
 * queue those the LRS could not take (no network, 408, 429, 5xx) and
 * sending them again: with the next statement, when the browser comes back
 * online, and after a delay that doubles with each failure. A statement the
 * LRS refuses (other 4xx) is dropped with a warning. Never rejects.
 */
export class StatementOutbox {
  private flushing: Promise<void> | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly retryDelayMs: number;

  constructor(private readonly options: StatementOutboxOptions) {
    this.retryDelayMs = options.retryDelayMs ?? 2000;
    options.events?.addEventListener('online', () => void this.sendPending());
  }

  /** Statements of this outbox waiting for the LRS. */
  get pending(): number {
    return this.waiting().length;
  }

  /** Queues `statement` and sends it after any waiting before it; resolves once tried. */
  async send(statement: Statement): Promise<void> {
    this.options.queue.add(statement);
    // A flush under way picks the new statement up; wait for it, then make
    // sure this one got its own try even if that flush stopped early.
    if (this.flushing) await this.flushing;
    if (this.waiting().some((queued) => queued.id === statement.id)) await this.sendPending();
  }

  /** Tries to send every waiting statement now; resolves when the LRS took them or refused to. */
  sendPending(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private waiting(): Statement[] {
    const owns = this.options.owns;
    const all = this.options.queue.list();
    return owns ? all.filter(owns) : all;
  }

  private async drain(): Promise<void> {
    this.cancelRetry();
    const { endpoint, queue, xapi } = this.options;
    for (let next = this.waiting()[0]; next !== undefined; next = this.waiting()[0]) {
      try {
        await xapi.sendStatement({ statement: next });
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
            endpoint,
            `Statements could not reach the LRS at ${endpoint} (${describe(error)}). ` +
              'They are kept in this browser and sent again when the network is back.',
          );
          this.scheduleRetry();
          return;
        }
      }
      this.failures = 0;
      queue.remove(next.id);
    }
  }

  private scheduleRetry(): void {
    const delay = Math.min(MAX_RETRY_DELAY_MS, this.retryDelayMs * 2 ** this.failures);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.sendPending();
    }, delay);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

/**
 * The transport for @xapi/xapi: fetch with `keepalive`, so the terminated
 * statement still leaves when the learner closes the page, and with the
 * HTTP status kept on refusals, which the library's own fetch adapter drops.
 */
export const keepaliveFetch: AdapterFunction = async ({ url, method, data, headers }) => {
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

/** The page's window, whose `online` event sends waiting statements; none outside a browser. */
export function globalEvents(): Pick<EventTarget, 'addEventListener'> | null {
  return typeof window === 'undefined' ? null : window;
}

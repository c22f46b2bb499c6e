import XAPI, { type Agent, type Statement, type Verb } from '@xapi/xapi';
import type { Language } from '@smart-training/core';
import type { HostBridge, HostResult, LearnerIdentity } from './host';
import { DEFAULT_COMMIT_INTERVAL_MS } from './scorm-host';
import { keepaliveFetch, StatementOutbox } from './statement-outbox';
import { StatementQueue } from './statement-queue';
import { UnitStateDocument } from './unit-state-document';
import { randomUuid } from './uuid';
import { warnOnce } from './warnings';

/** An xAPI ("Tin Can") launch: what the LMS puts in the query string of a tincan.xml package's launch. */
export interface XapiLaunch {
  endpoint: string;
  /** The whole Authorization header value, e.g. `Basic …`. */
  auth: string;
  actor: Agent;
  registration?: string;
  /** The course activity; the page's own address when the LMS sends no `activity_id`. */
  activityId: string;
}

/**
 * The xAPI launch parameters in `location`'s query string, or null without
 * `endpoint`, `auth` and a readable `actor`. Accepts the actor in xAPI 1.0
 * form and in the Tin Can 0.9 form some LMSs still send (`name` and
 * `account` as arrays, `accountServiceHomePage`/`accountName`).
 *
 * @example
 * const launch = readXapiLaunch(location);
 */
export function readXapiLaunch(location: Pick<Location, 'search' | 'origin' | 'pathname'>): XapiLaunch | null {
  const query = new URLSearchParams(location.search);
  const endpoint = query.get('endpoint');
  const auth = query.get('auth');
  const actorText = query.get('actor');
  if (!endpoint || !auth || !actorText) return null;
  let actor: Agent | null;
  try {
    actor = normalizeActor(JSON.parse(actorText));
  } catch {
    actor = null;
  }
  if (actor === null) return null;
  const registration = query.get('registration');
  return {
    endpoint,
    auth,
    actor,
    ...(registration ? { registration } : {}),
    activityId: query.get('activity_id') || `${location.origin}${location.pathname}`,
  };
}

function normalizeActor(value: unknown): Agent | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  const first = (field: unknown) => (Array.isArray(field) ? field[0] : field);
  const name = first(raw.name);
  const account = first(raw.account) as Record<string, unknown> | undefined;
  const mbox = first(raw.mbox);
  const agent: Agent = { objectType: 'Agent', ...(typeof name === 'string' ? { name } : {}) } as Agent;
  if (account && typeof account === 'object') {
    const homePage = account.homePage ?? account.accountServiceHomePage;
    const accountName = account.name ?? account.accountName;
    if (typeof homePage !== 'string' || typeof accountName !== 'string') return null;
    return { ...agent, account: { homePage, name: accountName } };
  }
  if (typeof mbox === 'string') return { ...agent, mbox: mbox.startsWith('mailto:') ? mbox : `mailto:${mbox}` } as Agent;
  return null;
}

export interface XapiLaunchHostOptions {
  /** The window whose `pagehide` and `visibilitychange` make the host save and terminate. */
  window?: Window;
  /** Progress is saved to the state API at most once per this many milliseconds. Default 5,000. */
  commitIntervalMs?: number;
}

type Phase = 'idle' | 'running' | 'terminated';

/**
 * The unit launched from an xAPI package (tincan.xml) by an LMS that gives
 * it an LRS endpoint, credential and actor. It sends `initialized`, then
 * `passed` or `failed` with the score, `completed` once, and `terminated`,
 * all about the launched activity and in the launch's registration. A pass
 * is final: no result statement follows it. Progress and what was sent live
 * in a state document, so a relaunch resumes.
 *
 * @example
 * const launch = readXapiLaunch(location);
 * if (launch) { const host = new XapiLaunchHost(launch, { window }); await host.start(); }
 */
export class XapiLaunchHost implements HostBridge {
  readonly kind = 'xapi';
  private phase: Phase = 'idle';
  private starting: Promise<LearnerIdentity | null> | null = null;
  private startedAt = 0;
  private readonly outbox: StatementOutbox;
  private readonly state: UnitStateDocument;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly launch: XapiLaunch,
    private readonly options: XapiLaunchHostOptions = {},
  ) {
    const lrs = new XAPI({ endpoint: launch.endpoint, auth: launch.auth, adapter: keepaliveFetch });
    this.outbox = new StatementOutbox({
      xapi: lrs,
      queue: new StatementQueue(null, launch.endpoint),
      endpoint: launch.endpoint,
      events: options.window ?? null,
    });
    this.state = new UnitStateDocument(
      lrs,
      {
        agent: launch.actor,
        activityId: launch.activityId,
        ...(launch.registration ? { registration: launch.registration } : {}),
      },
      options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS,
    );
  }

  start(): Promise<LearnerIdentity | null> {
    this.starting ??= this.open();
    return this.starting;
  }

  preferredLanguage(): Language | null {
    return null;
  }

  loadProgress(): string | null {
    return this.state.current.progress;
  }

  saveProgress(state: string): void {
    if (this.phase === 'running') this.state.update({ progress: state });
  }

  reportResult(result: HostResult): Promise<void> {
    if (this.phase !== 'running' || result.status === 'incomplete') return this.sending;
    return this.enqueue(async () => {
      const passedScore = this.state.current.passedScore;
      if (passedScore !== null) {
        warnOnce(
          'lms-pass-kept',
          `xapi:${result.status}`,
          `This registration has passed already (score ${passedScore}); a "${result.status}" result was not sent so the pass stays final. The LRS has every attempt.`,
        );
        return;
      }
      const raw = Math.round(result.scoreRaw);
      const passed = result.status === 'passed';
      await this.outbox.send(
        this.statement(passed ? XAPI.Verbs.PASSED : XAPI.Verbs.FAILED, {
          score: { scaled: raw / 100, raw, min: 0, max: 100 },
          success: passed,
        }),
      );
      if (passed) this.state.update({ passedScore: raw });
      if (!this.state.current.completed) {
        await this.outbox.send(this.statement(XAPI.Verbs.COMPLETED, { completion: true }));
        this.state.update({ completed: true });
      }
      await this.state.saveNow();
    });
  }

  terminate(): Promise<void> {
    if (this.phase !== 'running') return this.sending;
    this.phase = 'terminated';
    this.options.window?.removeEventListener('pagehide', this.onPageHide);
    this.options.window?.document.removeEventListener('visibilitychange', this.onVisibilityChange);
    const terminated = this.statement(XAPI.Verbs.TERMINATED, {
      duration: XAPI.calculateISO8601Duration(new Date(this.startedAt), new Date()),
    });
    // Both requests start at once: on pagehide the page is gone before a
    // second request could start after the first one's answer.
    return this.enqueue(async () => {
      await Promise.all([this.state.saveNow(), this.outbox.send(terminated)]);
    });
  }

  private async open(): Promise<LearnerIdentity | null> {
    this.startedAt = Date.now();
    await this.state.load();
    this.phase = 'running';
    void this.enqueue(() => this.outbox.send(this.statement(XAPI.Verbs.INITIALIZED)));
    this.options.window?.addEventListener('pagehide', this.onPageHide);
    this.options.window?.document.addEventListener('visibilitychange', this.onVisibilityChange);
    const { actor } = this.launch;
    const id = actor.account?.name;
    return id ? { id, ...(actor.name ? { name: actor.name } : {}) } : null;
  }

  private readonly onPageHide = (): void => void this.terminate();

  private readonly onVisibilityChange = (): void => {
    if (this.options.window?.document.visibilityState === 'hidden' && this.phase === 'running') void this.state.saveNow();
  };

  private statement(verb: Verb, result?: Statement['result']): Statement {
    const { actor, activityId, registration } = this.launch;
    return {
      id: randomUuid(),
      actor,
      verb,
      object: { objectType: 'Activity', id: activityId },
      ...(result ? { result } : {}),
      ...(registration ? { context: { registration } } : {}),
      timestamp: new Date().toISOString(),
    };
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.sending = this.sending.then(step);
    return this.sending;
  }
}

import Cmi5 from '@xapi/cmi5/dist/Cmi5.esm.js';
import type { LaunchData, SendStatementOptions } from '@xapi/cmi5';
import XAPI, { type Statement } from '@xapi/xapi';
import type { Language } from '@smart-training/core';
import { readCmi5Launch, type Cmi5Launch } from './cmi5-launch';
import type { HostBridge, HostLauncher, HostResult, LearnerIdentity } from './host';
import { languageOf } from './language';
import { DEFAULT_COMMIT_INTERVAL_MS } from './scorm-host';
import { keepaliveFetch, StatementOutbox } from './statement-outbox';
import { StatementQueue } from './statement-queue';
import { UnitStateDocument } from './unit-state-document';
import { warnOnce } from './warnings';

export interface Cmi5HostOptions {
  /** The window whose `pagehide` and `visibilitychange` make the host save and terminate. */
  window?: Window;
  /** Progress is saved to the state API at most once per this many milliseconds. Default 5,000. */
  commitIntervalMs?: number;
}

type Phase = 'idle' | 'running' | 'failed' | 'terminated';

/**
 * @xapi/cmi5 with its statements sent through our outbox: fetch with
 * `keepalive`, so `terminated` leaves a closing page, and kept and resent
 * with the same id when the network fails. The library builds every
 * cmi5-defined statement (context template, session id, categories).
 */
class OutboxCmi5 extends Cmi5 {
  constructor(
    launch: Cmi5Launch,
    private readonly deliver: (statement: Statement) => Promise<void>,
  ) {
    super(launch);
  }

  override sendXapiStatement(statement: Parameters<Cmi5['sendXapiStatement']>[0], options?: SendStatementOptions) {
    // The library goes on without a token when the fetch URL answers with
    // an error document (cmi5 section 8.2.3, e.g. a fetch URL used twice).
    if (!this.getAuthToken()) {
      const refused = Promise.reject(new Error('the fetch URL answered without an auth-token'));
      return refused as unknown as ReturnType<Cmi5['sendXapiStatement']>;
    }
    const sent = (options?.transform ? options.transform(statement) : statement) as unknown as Statement;
    return this.deliver(sent).then(() => ({ data: [sent.id] })) as unknown as ReturnType<Cmi5['sendXapiStatement']>;
  }
}

/**
 * The unit as a cmi5 assignable unit. `start()` performs the launch (auth
 * token from the fetch URL, `LMS.LaunchData`, learner preferences, the
 * `initialized` statement); the learner is the actor's account name, the
 * NIP. Results follow the registration rules: `failed` as often as needed,
 * then `passed` once, nothing after a pass; `completed` once. Progress and
 * what was sent live in a state document of the AU, so a relaunch resumes
 * and keeps to those rules. In a Browse or Review launch nothing is
 * reported, as cmi5 section 10.2.2 requires.
 *
 * @example
 * const launch = readCmi5Launch(location.search);
 * if (launch) { const host = new Cmi5Host(launch, { window }); const learner = await host.start(); }
 */
export class Cmi5Host implements HostBridge {
  readonly kind = 'cmi5';
  private phase: Phase = 'idle';
  private starting: Promise<LearnerIdentity | null> | null = null;
  private learner: LearnerIdentity | null = null;
  private language: Language | null = null;
  private cmi5: OutboxCmi5 | null = null;
  private outbox: StatementOutbox | null = null;
  private state: UnitStateDocument | null = null;
  /** Statement sends in the order the unit asked for them. */
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly launch: Cmi5Launch,
    private readonly options: Cmi5HostOptions = {},
  ) {}

  /** Where the LMS wants the learner to go after the AU ends (`returnURL` of the launch data). */
  get returnUrl(): string | null {
    return this.launchData?.returnURL ?? null;
  }

  /** The launch data the LMS gave this session; null before `start()` resolved. */
  get launchData(): LaunchData | null {
    return this.cmi5?.launchData ?? null;
  }

  start(): Promise<LearnerIdentity | null> {
    this.starting ??= this.open();
    return this.starting;
  }

  preferredLanguage(): Language | null {
    return this.language;
  }

  loadProgress(): string | null {
    return this.state?.current.progress ?? null;
  }

  saveProgress(state: string): void {
    if (this.phase === 'running') this.state!.update({ progress: state });
  }

  reportResult(result: HostResult): Promise<void> {
    if (this.phase !== 'running' || result.status === 'incomplete') return this.sending;
    const cmi5 = this.cmi5!;
    const state = this.state!;
    // Serialised, so that a result sees what the one before it sent.
    return this.enqueue(async () => {
      const mode = cmi5.launchData.launchMode;
      if (mode !== 'Normal') {
        warnOnce(
          'cmi5-statement-skipped',
          `mode:${mode}`,
          `The LMS launched this AU in ${mode} mode, in which cmi5 (section 10.2.2) allows no passed, failed or completed statements; the result was not sent. The LRS has it.`,
        );
        return;
      }
      const passedScore = state.current.passedScore;
      if (passedScore !== null) {
        warnOnce(
          'lms-pass-kept',
          `cmi5:${result.status}`,
          `This registration has passed already (score ${passedScore}); cmi5 (section 9.3) allows no passed or failed statement after a pass, so a "${result.status}" result was not sent. The LRS has every attempt.`,
        );
        return;
      }
      const raw = Math.round(result.scoreRaw);
      const score = { scaled: raw / 100, raw, min: 0, max: 100 };
      try {
        if (result.status === 'passed') await cmi5.pass(score);
        else await cmi5.fail(score);
      } catch (error) {
        // pass() refuses a score under the LMS's masteryScore.
        warnOnce(
          'cmi5-statement-skipped',
          `refused:${result.status}`,
          `The cmi5 "${result.status}" statement was not sent: ${error instanceof Error ? error.message : String(error)}. ` +
            "Check that the course structure's masteryScore matches the test's pass mark.",
        );
        return;
      }
      if (result.status === 'passed') state.update({ passedScore: raw });
      if (!state.current.completed) {
        // The learner finished the test, which is all this AU holds.
        await cmi5.complete();
        state.update({ completed: true });
      }
      await state.saveNow();
    });
  }

  terminate(): Promise<void> {
    if (this.phase !== 'running') return this.sending;
    this.phase = 'terminated';
    this.options.window?.removeEventListener('pagehide', this.onPageHide);
    this.options.window?.document.removeEventListener('visibilitychange', this.onVisibilityChange);
    const cmi5 = this.cmi5!;
    const state = this.state!;
    // Both requests start at once: on pagehide the page is gone before a
    // second request could start after the first one's answer.
    return this.enqueue(async () => {
      await Promise.all([state.saveNow(), cmi5.terminate()]);
    });
  }

  private async open(): Promise<LearnerIdentity | null> {
    const cmi5: OutboxCmi5 = new OutboxCmi5(this.launch, (statement): Promise<void> => this.outboxFor(cmi5).send(statement));
    try {
      await cmi5.initialize();
    } catch (error) {
      this.phase = 'failed';
      warnOnce(
        'cmi5-launch-failed',
        this.launch.fetch,
        `The cmi5 launch failed (${error instanceof Error ? error.message : String(error)}): the LMS's fetch URL or launch data could not be read. ` +
          'Launch the AU again from the LMS; a fetch URL works only once.',
      );
      return null;
    }
    this.cmi5 = cmi5;
    this.state = new UnitStateDocument(
      this.lrs(cmi5),
      { agent: this.launch.actor, activityId: this.launch.activityId, registration: this.launch.registration },
      this.options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS,
    );
    await this.state.load();
    const nip = this.launch.actor.account?.name;
    this.learner = nip ? { id: nip, ...(this.launch.actor.name ? { name: this.launch.actor.name } : {}) } : null;
    const preferred = cmi5.getLearnerPreferences().languagePreference;
    this.language = preferred ? languageOf(preferred.split(',')[0] ?? '') : null;
    this.phase = 'running';
    this.options.window?.addEventListener('pagehide', this.onPageHide);
    this.options.window?.document.addEventListener('visibilitychange', this.onVisibilityChange);
    return this.learner;
  }

  private readonly onPageHide = (): void => void this.terminate();

  private readonly onVisibilityChange = (): void => {
    if (this.options.window?.document.visibilityState === 'hidden' && this.phase === 'running') void this.state!.saveNow();
  };

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.sending = this.sending.then(step).catch((error: unknown) => {
      warnOnce(
        'cmi5-statement-skipped',
        `error:${error instanceof Error ? error.message : String(error)}`,
        `A cmi5 statement could not be built or sent (${error instanceof Error ? error.message : String(error)}).`,
      );
    });
    return this.sending;
  }

  /** The outbox exists from the moment the library holds the auth token, just before it sends `initialized`. */
  private outboxFor(cmi5: OutboxCmi5): StatementOutbox {
    this.outbox ??= new StatementOutbox({
      xapi: this.lrs(cmi5),
      // A fetched auth token is valid for this session only: statements wait in memory, not for a later launch.
      queue: new StatementQueue(null, this.launch.registration),
      endpoint: this.launch.endpoint,
      events: this.options.window ?? null,
    });
    return this.outbox;
  }

  private lrs(cmi5: OutboxCmi5): XAPI {
    return new XAPI({ endpoint: this.launch.endpoint, auth: `Basic ${cmi5.getAuthToken()}`, adapter: keepaliveFetch });
  }
}

/**
 * Adds cmi5 to `connectHost`: the unit entry that packages for cmi5
 * (player/src/unit-cmi5.ts) registers it before it defines the unit's
 * elements. The lean bundle leaves it out, and with it @xapi/cmi5.
 *
 * @example
 * registerHostLauncher(cmi5Launcher);
 */
export const cmi5Launcher: HostLauncher = {
  kind: 'cmi5',
  connect(win, options) {
    const launch = readCmi5Launch(win.location.search);
    return launch ? new Cmi5Host(launch, options) : null;
  },
};

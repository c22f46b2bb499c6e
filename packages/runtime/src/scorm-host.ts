import type { Language } from '@smart-training/core';
import type { HostBridge, HostResult, LearnerIdentity } from './host';
import { languageOf } from './language';
import { LmsCaller, type LmsDialect } from './lms-caller';
import { decodeSuspendData, encodeSuspendData } from './suspend-data';
import { warnOnce } from './warnings';

type ScormResult = string | boolean | number;

type Phase = 'idle' | 'running' | 'failed' | 'terminated';

/** The five run-time calls a host makes, whatever a SCORM version names them. */
export interface ScormCalls {
  initialize(): ScormResult;
  getValue(element: string): string;
  setValue(element: string, value: string): ScormResult;
  commit(): ScormResult;
  terminate(): ScormResult;
}

/**
 * Everything SCORM 1.2 and 2004 do differently for a host: the API's
 * function and element names, the spec sections cited in warnings, and how
 * a result is written. The lifecycle around them is the same.
 */
export interface ScormVersion {
  kind: 'scorm12' | 'scorm2004';
  dialect: LmsDialect;
  calls: ScormCalls;
  /** The names of `calls` on the LMS's API, as LMS error checks and warnings cite them. */
  callNames: Record<keyof ScormCalls, string>;
  /** The spec sections that forbid data before initialising and after terminating. */
  rules: { beforeInitialize: string; afterTerminate: string };
  /** An Initialize error code meaning the session is open already, which the host accepts. */
  alreadyInitialized?: string;
  elements: {
    learnerId: string;
    learnerName: string;
    /** The element saying whether the learner has begun; set to "incomplete" at start. */
    progress: string;
    sessionTime: string;
    exit: string;
    /** The learner's preferred language, an optional element some LMSs do not implement. */
    language: string;
    /** The element holding "passed" once the learner passed (1.2 lesson_status, 2004 success_status). */
    success: string;
    scoreRaw: string;
    suspendData: string;
  };
  /** The longest `cmi.suspend_data` this version must accept. */
  suspendDataLimit: number;
  /** GetValue error codes meaning an optional element is unsupported or unset: normal, not a fault. */
  optionalElementCodes: readonly string[];
  /** Values of `elements.progress` meaning the LMS lists the attempt as not begun. */
  notBegun: readonly string[];
  formatSessionTime(elapsedMs: number): string;
  /** The elements reporting a result, with their values, in the order they are set. */
  resultValues(result: HostResult): [element: string, value: string][];
}

/** How a SCORM host talks to its LMS over time. */
export interface ScormHostOptions {
  /**
   * The window whose `pagehide` and `visibilitychange` make the host flush;
   * none in tests that drive the host by hand.
   */
  window?: Window;
  /**
   * Commits of saved progress are batched: at most one per this many
   * milliseconds. A reported result is committed at once. Default 5,000.
   */
  commitIntervalMs?: number;
}

/** Default throttle of progress commits: a learner loses at most this much on a crash. */
export const DEFAULT_COMMIT_INTERVAL_MS = 5000;

/**
 * The lifecycle shared by the SCORM hosts: initialise once, read the
 * learner, any pass the LMS already holds and the saved progress, mark the
 * attempt begun, commit results at once and progress at most once per
 * interval, and on page hide or unload record the session time, suspend
 * and terminate. Calls outside a running session are not sent and warned
 * about once, citing the spec rule.
 */
export class ScormHost implements HostBridge {
  readonly kind: ScormVersion['kind'];
  private phase: Phase = 'idle';
  private learner: LearnerIdentity | null = null;
  private language: Language | null = null;
  private progress: string | null = null;
  private startedAt = 0;
  /** The raw score of a pass the LMS holds (from an earlier session or this one); null before any pass. */
  private heldPass: number | null = null;
  private lastCommitAt = 0;
  private pendingCommit: ReturnType<typeof setTimeout> | null = null;
  private readonly lms: LmsCaller;
  private readonly commitIntervalMs: number;

  constructor(
    private readonly version: ScormVersion,
    private readonly options: ScormHostOptions = {},
  ) {
    this.kind = version.kind;
    this.lms = new LmsCaller(version.dialect);
    this.commitIntervalMs = options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
  }

  start(): Promise<LearnerIdentity | null> {
    if (this.phase === 'idle') this.open();
    return Promise.resolve(this.learner);
  }

  preferredLanguage(): Language | null {
    return this.language;
  }

  loadProgress(): string | null {
    return this.progress;
  }

  saveProgress(state: string): void {
    if (!this.isRunning('saveProgress')) return;
    const { kind, elements, suspendDataLimit } = this.version;
    const stored = encodeSuspendData(state, suspendDataLimit);
    if (stored === null) {
      warnOnce(
        'progress-too-large',
        kind,
        `A progress state of ${state.length} characters does not fit ${elements.suspendData} ` +
          `(${suspendDataLimit} characters in ${this.version.dialect.standard}) even compressed; it was not saved ` +
          'and the last state that fitted stays. Keep less in the unit\'s progress state.',
      );
      return;
    }
    this.progress = state;
    this.set(elements.suspendData, stored);
    this.commitSoon();
  }

  reportResult(result: HostResult): Promise<void> {
    this.report(result);
    return Promise.resolve();
  }

  terminate(): Promise<void> {
    this.close();
    return Promise.resolve();
  }

  private report(result: HostResult): void {
    if (!this.isRunning('reportResult')) return;
    if (this.heldPass !== null && (result.status !== 'passed' || result.scoreRaw < this.heldPass)) {
      // Moodle reopens the previous attempt on relaunch: a later, weaker
      // result must not take the learner's pass out of the gradebook.
      warnOnce(
        'lms-pass-kept',
        `${this.version.kind}:${result.status}`,
        `The LMS already holds a pass (score ${this.heldPass}); a "${result.status}" result with score ` +
          `${result.scoreRaw} was not sent so the pass stays. The LRS has every attempt.`,
      );
      return;
    }
    for (const [element, value] of this.version.resultValues(result)) this.set(element, value);
    if (result.status === 'passed') this.heldPass = result.scoreRaw;
    this.commitNow();
  }

  private close(): void {
    if (this.phase !== 'running') return;
    const { calls, callNames } = this.version;
    this.recordSessionEnd();
    this.commitNow();
    this.lms.call(callNames.terminate, null, () => calls.terminate());
    this.phase = 'terminated';
    this.options.window?.removeEventListener('pagehide', this.onPageHide);
    this.options.window?.document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  private open(): void {
    this.startedAt = Date.now();
    const { calls, callNames, elements } = this.version;
    const initialized = this.lms.call(callNames.initialize, null, () => calls.initialize());
    if (!initialized.ok && initialized.errorCode !== this.version.alreadyInitialized) {
      this.phase = 'failed';
      return;
    }
    this.phase = 'running';
    const id = this.get(elements.learnerId).trim();
    const name = this.get(elements.learnerName).trim();
    this.learner = id ? { id, ...(name ? { name } : {}) } : null;
    this.language = languageOf(this.getOptional(elements.language));
    this.progress = decodeSuspendData(this.getOptional(elements.suspendData));
    if (this.get(elements.success) === 'passed') {
      const raw = Number.parseFloat(this.getOptional(elements.scoreRaw));
      this.heldPass = Number.isFinite(raw) ? raw : 0;
    }
    // Mark the attempt as begun so the LMS does not list it as not attempted.
    if (this.version.notBegun.includes(this.get(elements.progress))) {
      this.set(elements.progress, 'incomplete');
      this.commitNow();
    }
    this.options.window?.addEventListener('pagehide', this.onPageHide);
    this.options.window?.document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  private readonly onPageHide = (): void => this.close();

  /**
   * A hidden page may be discarded without another event (mobile browsers
   * do), so everything is committed as if the session ended here. The
   * session stays open: SCORM allows no second Initialize, and the learner
   * may come back to the tab.
   */
  private readonly onVisibilityChange = (): void => {
    if (this.options.window?.document.visibilityState !== 'hidden' || this.phase !== 'running') return;
    this.recordSessionEnd();
    this.commitNow();
  };

  /** Session time so far, and "suspend" so the LMS offers this attempt again with its progress. */
  private recordSessionEnd(): void {
    const { elements } = this.version;
    this.set(elements.sessionTime, this.version.formatSessionTime(Date.now() - this.startedAt));
    this.set(elements.exit, 'suspend');
  }

  private commitSoon(): void {
    if (this.pendingCommit !== null) return;
    const wait = Math.max(0, this.lastCommitAt + this.commitIntervalMs - Date.now());
    this.pendingCommit = setTimeout(() => this.commitNow(), wait);
  }

  private commitNow(): void {
    if (this.pendingCommit !== null) clearTimeout(this.pendingCommit);
    this.pendingCommit = null;
    if (this.phase !== 'running') return;
    const { calls, callNames } = this.version;
    this.lms.call(callNames.commit, null, () => calls.commit());
    this.lastCommitAt = Date.now();
  }

  private isRunning(operation: string): boolean {
    if (this.phase === 'running') return true;
    const { kind, callNames, rules } = this.version;
    const standard = this.version.dialect.standard;
    if (this.phase === 'terminated') {
      warnOnce(
        'lms-call-after-terminate',
        `${kind}:${operation}`,
        `${operation} was called after ${callNames.terminate}; ${standard} (${rules.afterTerminate}) accepts no data after ${callNames.terminate}, so the LMS was not told. The LRS has the result.`,
      );
    } else {
      warnOnce(
        'lms-not-initialized',
        `${kind}:${operation}`,
        `${operation} was called without a successful ${callNames.initialize}; ${standard} (${rules.beforeInitialize}) refuses data before it, so the LMS was not told. The LRS has the result.`,
      );
    }
    return false;
  }

  private get(element: string): string {
    const { calls, callNames } = this.version;
    return this.lms.call(callNames.getValue, element, () => calls.getValue(element)).value;
  }

  /** Reads an element the LMS may not support or may hold no value for; its refusal is no fault. */
  private getOptional(element: string): string {
    const { calls, callNames, optionalElementCodes } = this.version;
    return this.lms.call(callNames.getValue, element, () => calls.getValue(element), optionalElementCodes).value;
  }

  private set(element: string, value: string): void {
    const { calls, callNames } = this.version;
    this.lms.call(callNames.setValue, element, () => calls.setValue(element, value));
  }
}

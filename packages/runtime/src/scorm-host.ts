import type { Language } from '@smart-training/core';
import type { HostBridge, HostResult, LearnerIdentity } from './host';
import { LmsCaller, type LmsDialect } from './lms-caller';
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
  };
  /** GetValue error codes meaning an optional element is unsupported or unset: normal, not a fault. */
  optionalElementCodes: readonly string[];
  /** Values of `elements.progress` meaning the LMS lists the attempt as not begun. */
  notBegun: readonly string[];
  formatSessionTime(elapsedMs: number): string;
  /** The elements reporting a result, with their values, in the order they are set. */
  resultValues(result: HostResult): [element: string, value: string][];
}

/**
 * The lifecycle shared by the SCORM hosts: initialise once, read the
 * learner, mark the attempt begun, commit after every result, record the
 * session time and terminate. Calls outside a running session are not sent
 * and warned about once, citing the spec rule.
 */
export class ScormHost implements HostBridge {
  readonly kind: ScormVersion['kind'];
  private phase: Phase = 'idle';
  private learner: LearnerIdentity | null = null;
  private language: Language | null = null;
  private startedAt = 0;
  private reported = false;
  private readonly lms: LmsCaller;

  constructor(private readonly version: ScormVersion) {
    this.kind = version.kind;
    this.lms = new LmsCaller(version.dialect);
  }

  start(): LearnerIdentity | null {
    if (this.phase !== 'idle') return this.learner;
    this.startedAt = Date.now();
    const { calls, callNames, elements } = this.version;
    const initialized = this.lms.call(callNames.initialize, null, () => calls.initialize());
    if (!initialized.ok && initialized.errorCode !== this.version.alreadyInitialized) {
      this.phase = 'failed';
      return null;
    }
    this.phase = 'running';
    const id = this.get(elements.learnerId).trim();
    const name = this.get(elements.learnerName).trim();
    this.learner = id ? { id, ...(name ? { name } : {}) } : null;
    this.language = languageOf(this.getOptional(elements.language));
    // Mark the attempt as begun so the LMS does not list it as not attempted.
    if (this.version.notBegun.includes(this.get(elements.progress))) {
      this.set(elements.progress, 'incomplete');
      this.commit();
    }
    return this.learner;
  }

  preferredLanguage(): Language | null {
    return this.language;
  }

  reportResult(result: HostResult): void {
    if (!this.isRunning('reportResult')) return;
    for (const [element, value] of this.version.resultValues(result)) this.set(element, value);
    this.reported = true;
    this.commit();
  }

  terminate(): void {
    if (this.phase !== 'running') return;
    const { calls, callNames, elements } = this.version;
    this.set(elements.sessionTime, this.version.formatSessionTime(Date.now() - this.startedAt));
    if (!this.reported) this.set(elements.exit, 'suspend');
    this.commit();
    this.lms.call(callNames.terminate, null, () => calls.terminate());
    this.phase = 'terminated';
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

  /** Reads an element the LMS may not support; its refusal is no fault. */
  private getOptional(element: string): string {
    const { calls, callNames, optionalElementCodes } = this.version;
    return this.lms.call(callNames.getValue, element, () => calls.getValue(element), optionalElementCodes).value;
  }

  private set(element: string, value: string): void {
    const { calls, callNames } = this.version;
    this.lms.call(callNames.setValue, element, () => calls.setValue(element, value));
  }

  private commit(): void {
    const { calls, callNames } = this.version;
    this.lms.call(callNames.commit, null, () => calls.commit());
  }
}

/** A language tag as the unit's language: "en…" is English, any other tag Indonesian. */
function languageOf(tag: string): Language | null {
  const trimmed = tag.trim().toLowerCase();
  if (trimmed === '') return null;
  return trimmed.startsWith('en') ? 'en' : 'id';
}

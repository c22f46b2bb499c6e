import { warnOnce } from './warnings';

type ScormResult = string | boolean | number;

/** What differs between the two SCORM versions when checking a call. */
export interface LmsDialect {
  standard: 'SCORM 1.2' | 'SCORM 2004';
  lastError(): ScormResult;
  errorString(code: string): string;
  diagnostic(code: string): string;
  /** Error codes that are a normal answer to this call, not a fault. */
  expectedCodes?: Partial<Record<string, readonly string[]>>;
}

export interface LmsCallOutcome {
  ok: boolean;
  /** The call's return value as a string ("" when the call threw). */
  value: string;
  /** The LMS error code after the call, "0" when there was none. */
  errorCode: string;
}

/**
 * Runs one call on an LMS API and checks the LMS's error code afterwards,
 * as the run-time environment expects content to. Failures become one
 * console warning per cause; nothing is thrown into the learner's page.
 */
export class LmsCaller {
  constructor(private readonly dialect: LmsDialect) {}

  /**
   * Calls `invoke` as the LMS function `name` (on `element`, if any).
   * `expected` lists error codes that are a normal answer to this one call.
   */
  call(
    name: string,
    element: string | null,
    invoke: () => ScormResult,
    expected: readonly string[] = [],
  ): LmsCallOutcome {
    const target = element === null ? `${name}("")` : `${name}("${element}")`;
    let result: ScormResult;
    try {
      result = invoke();
    } catch (error) {
      warnOnce(
        'lms-threw',
        target,
        `${this.dialect.standard} ${target} threw ${describe(error)} instead of returning an error code. ` +
          'The LMS may not record this learner\'s result; report it to the LMS administrator.',
      );
      return { ok: false, value: '', errorCode: 'threw' };
    }
    const value = result === undefined || result === null ? '' : String(result);
    const errorCode = this.readErrorCode();
    // A value read with GetValue may legitimately be the string "false".
    const returnedFalse = !name.endsWith('GetValue') && value === 'false';
    if (errorCode === '0' && !returnedFalse) return { ok: true, value, errorCode };
    if (expected.includes(errorCode) || this.dialect.expectedCodes?.[name]?.includes(errorCode)) {
      return { ok: false, value, errorCode };
    }
    warnOnce(
      'lms-call-failed',
      `${target}#${errorCode}`,
      `${this.dialect.standard} ${target} failed with LMS error ${errorCode} ` +
        `(${this.errorText(errorCode)}). The LRS still records the learner's result; ` +
        'the LMS gradebook may miss it until the LMS accepts this call.',
    );
    return { ok: false, value, errorCode };
  }

  private readErrorCode(): string {
    try {
      const code = String(this.dialect.lastError() ?? '0').trim();
      return code === '' ? '0' : code;
    } catch {
      return '0';
    }
  }

  private errorText(code: string): string {
    try {
      const text = this.dialect.errorString(code);
      const diagnostic = this.dialect.diagnostic(code);
      return diagnostic && diagnostic !== text ? `${text}: ${diagnostic}` : text || 'no description';
    } catch {
      return 'no description';
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

import type { HostBridge, HostResult, LearnerIdentity } from './host';
import type { Scorm2004Api } from './scorm-api';
import { LmsCaller } from './lms-caller';
import { formatRawScore, scorm2004Duration } from './cmi-format';
import { warnOnce } from './warnings';

type Phase = 'idle' | 'running' | 'failed' | 'terminated';

/** SCORM 2004 error 103: Initialize was already called in this session. */
const ALREADY_INITIALIZED = '103';
/** SCORM 2004 error 403: the element has no value yet; a normal answer. */
const VALUE_NOT_INITIALIZED = '403';

/**
 * The unit's bridge to a SCORM 2004 LMS (`window.API_1484_11`). Success and
 * completion are reported separately, as the 2004 data model wants, and
 * every result is committed at once.
 */
export class Scorm2004Host implements HostBridge {
  readonly kind = 'scorm2004';
  private phase: Phase = 'idle';
  private learner: LearnerIdentity | null = null;
  private startedAt = 0;
  private reported = false;
  private readonly lms: LmsCaller;

  constructor(private readonly api: Scorm2004Api) {
    this.lms = new LmsCaller({
      standard: 'SCORM 2004',
      lastError: () => api.GetLastError(),
      errorString: (code) => api.GetErrorString(code),
      diagnostic: (code) => api.GetDiagnostic(code),
      expectedCodes: {
        GetValue: [VALUE_NOT_INITIALIZED],
        Initialize: [ALREADY_INITIALIZED],
      },
    });
  }

  start(): LearnerIdentity | null {
    if (this.phase !== 'idle') return this.learner;
    this.startedAt = Date.now();
    const initialized = this.lms.call('Initialize', null, () => this.api.Initialize(''));
    if (!initialized.ok && initialized.errorCode !== ALREADY_INITIALIZED) {
      this.phase = 'failed';
      return null;
    }
    this.phase = 'running';
    const id = this.get('cmi.learner_id').trim();
    const name = this.get('cmi.learner_name').trim();
    this.learner = id ? { id, ...(name ? { name } : {}) } : null;
    const completion = this.get('cmi.completion_status');
    if (completion === 'unknown' || completion === 'not attempted' || completion === '') {
      this.set('cmi.completion_status', 'incomplete');
      this.commit();
    }
    return this.learner;
  }

  reportResult(result: HostResult): void {
    if (!this.isRunning('reportResult')) return;
    const raw = formatRawScore(result.scoreRaw);
    this.set('cmi.score.min', '0');
    this.set('cmi.score.max', '100');
    this.set('cmi.score.raw', raw);
    this.set('cmi.score.scaled', String(Math.round(Number(raw) * 100) / 10_000));
    const finished = result.status !== 'incomplete';
    this.set('cmi.success_status', finished ? result.status : 'unknown');
    this.set('cmi.completion_status', finished ? 'completed' : 'incomplete');
    // "suspend" keeps an unfinished attempt open for the learner's return.
    this.set('cmi.exit', finished ? 'normal' : 'suspend');
    this.reported = true;
    this.commit();
  }

  terminate(): void {
    if (this.phase !== 'running') return;
    this.set('cmi.session_time', scorm2004Duration(Date.now() - this.startedAt));
    if (!this.reported) this.set('cmi.exit', 'suspend');
    this.commit();
    this.lms.call('Terminate', null, () => this.api.Terminate(''));
    this.phase = 'terminated';
  }

  private isRunning(operation: string): boolean {
    if (this.phase === 'running') return true;
    if (this.phase === 'terminated') {
      warnOnce(
        'lms-call-after-terminate',
        `scorm2004:${operation}`,
        `${operation} was called after Terminate; SCORM 2004 (RTE 3.1.3.2) accepts no data after Terminate, so the LMS was not told. The LRS has the result.`,
      );
    } else {
      warnOnce(
        'lms-not-initialized',
        `scorm2004:${operation}`,
        `${operation} was called without a successful Initialize; SCORM 2004 (RTE 3.1.3.1) refuses data before it, so the LMS was not told. The LRS has the result.`,
      );
    }
    return false;
  }

  private get(element: string): string {
    return this.lms.call('GetValue', element, () => this.api.GetValue(element)).value;
  }

  private set(element: string, value: string): void {
    this.lms.call('SetValue', element, () => this.api.SetValue(element, value));
  }

  private commit(): void {
    this.lms.call('Commit', null, () => this.api.Commit(''));
  }
}

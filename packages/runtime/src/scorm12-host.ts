import type { HostBridge, HostResult, LearnerIdentity } from './host';
import type { Scorm12Api } from './scorm-api';
import { LmsCaller } from './lms-caller';
import { formatRawScore, scorm12Timespan } from './cmi-format';
import { warnOnce } from './warnings';

type Phase = 'idle' | 'running' | 'failed' | 'terminated';

/**
 * The unit's bridge to a SCORM 1.2 LMS (`window.API`). Every result is
 * followed by LMSCommit, because an LMS such as Moodle may keep nothing
 * until a commit.
 */
export class Scorm12Host implements HostBridge {
  readonly kind = 'scorm12';
  private phase: Phase = 'idle';
  private learner: LearnerIdentity | null = null;
  private startedAt = 0;
  private reported = false;
  private readonly lms: LmsCaller;

  constructor(private readonly api: Scorm12Api) {
    this.lms = new LmsCaller({
      standard: 'SCORM 1.2',
      lastError: () => api.LMSGetLastError(),
      errorString: (code) => api.LMSGetErrorString(code),
      diagnostic: (code) => api.LMSGetDiagnostic(code),
    });
  }

  start(): LearnerIdentity | null {
    if (this.phase !== 'idle') return this.learner;
    this.startedAt = Date.now();
    if (!this.lms.call('LMSInitialize', null, () => this.api.LMSInitialize('')).ok) {
      this.phase = 'failed';
      return null;
    }
    this.phase = 'running';
    const id = this.get('cmi.core.student_id').trim();
    const name = this.get('cmi.core.student_name').trim();
    this.learner = id ? { id, ...(name ? { name } : {}) } : null;
    // Mark the attempt as begun so the LMS does not list it as not attempted.
    if (this.get('cmi.core.lesson_status') === 'not attempted') {
      this.set('cmi.core.lesson_status', 'incomplete');
      this.commit();
    }
    return this.learner;
  }

  reportResult(result: HostResult): void {
    if (!this.isRunning('reportResult')) return;
    this.set('cmi.core.score.min', '0');
    this.set('cmi.core.score.max', '100');
    this.set('cmi.core.score.raw', formatRawScore(result.scoreRaw));
    this.set('cmi.core.lesson_status', result.status);
    // "suspend" keeps an unfinished attempt open for the learner's return.
    this.set('cmi.core.exit', result.status === 'incomplete' ? 'suspend' : '');
    this.reported = true;
    this.commit();
  }

  terminate(): void {
    if (this.phase !== 'running') return;
    this.set('cmi.core.session_time', scorm12Timespan(Date.now() - this.startedAt));
    if (!this.reported) this.set('cmi.core.exit', 'suspend');
    this.commit();
    this.lms.call('LMSFinish', null, () => this.api.LMSFinish(''));
    this.phase = 'terminated';
  }

  private isRunning(operation: string): boolean {
    if (this.phase === 'running') return true;
    if (this.phase === 'terminated') {
      warnOnce(
        'lms-call-after-terminate',
        `scorm12:${operation}`,
        `${operation} was called after LMSFinish; SCORM 1.2 (RTE 3.3.2) accepts no data after LMSFinish, so the LMS was not told. The LRS has the result.`,
      );
    } else {
      warnOnce(
        'lms-not-initialized',
        `scorm12:${operation}`,
        `${operation} was called without a successful LMSInitialize; SCORM 1.2 (RTE 3.3.2) refuses data before it, so the LMS was not told. The LRS has the result.`,
      );
    }
    return false;
  }

  private get(element: string): string {
    return this.lms.call('LMSGetValue', element, () => this.api.LMSGetValue(element)).value;
  }

  private set(element: string, value: string): void {
    this.lms.call('LMSSetValue', element, () => this.api.LMSSetValue(element, value));
  }

  private commit(): void {
    this.lms.call('LMSCommit', null, () => this.api.LMSCommit(''));
  }
}

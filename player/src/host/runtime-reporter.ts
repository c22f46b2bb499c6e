/**
 * Sends a package's runtime data to the host's runtime route, which turns it
 * into xAPI statements in the LRS. Each report is the whole state of one
 * session, so only the latest per session matters: it is kept in
 * localStorage until the host acknowledged it, and whatever a closed or
 * reloaded page could not send goes out on the next launch. The host makes
 * resending harmless (the statement ids are derived from the events).
 */
import type { RuntimeReport } from './cmi-to-xapi';

const PREFIX = 'smart-host:reports:v1';
/** Characters, a safe margin under the 64 KiB browsers allow a keepalive request. */
const KEEPALIVE_LIMIT = 60_000;

/**
 * The CMI without what no statement is made of and what can be large: the
 * SCO's suspend data and launch data stay in the browser.
 */
export function reportableCmi(cmi: Record<string, unknown>): Record<string, unknown> {
  const { suspend_data: _suspendData, launch_data: _launchData, ...rest } = cmi;
  return rest;
}

export class RuntimeReporter {
  private sending: Promise<void> = Promise.resolve();
  private readonly storageKey: string;

  constructor(
    private readonly url: string,
    private readonly token: string,
    packageName: string,
    learnerId: string,
  ) {
    this.storageKey = `${PREFIX}:${packageName}:${learnerId}`;
  }

  /** Keeps `report` as its session's latest and sends all that is pending. */
  report(report: RuntimeReport): Promise<void> {
    const pending = this.pending();
    pending[`${report.attempt}:${report.session}`] = report;
    this.save(pending);
    return this.flush();
  }

  /** Sends the pending reports, one at a time, oldest session first. */
  flush(): Promise<void> {
    this.sending = this.sending.then(() => this.sendPending());
    return this.sending;
  }

  private async sendPending(): Promise<void> {
    for (const [key, report] of Object.entries(this.pending())) {
      let status: number;
      const body = JSON.stringify(report);
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
          body,
          // keepalive lets a report leave with a closing page, but browsers refuse it above 64 KiB.
          keepalive: body.length < KEEPALIVE_LIMIT,
        });
        status = response.status;
      } catch {
        return; // Offline: everything stays pending for the next report or launch.
      }
      // A 400 will never be accepted, so it is dropped; 401/403/5xx may be on a later launch.
      if (status >= 200 && status < 300) this.acknowledge(key, report.at);
      else if (status === 400 || status === 413) this.acknowledge(key, report.at);
      else return;
    }
  }

  private acknowledge(key: string, at: string): void {
    const pending = this.pending();
    // A newer report of the same session may have arrived meanwhile; it stays.
    if (pending[key]?.at === at) {
      delete pending[key];
      this.save(pending);
    }
  }

  private pending(): Record<string, RuntimeReport> {
    try {
      const value: unknown = JSON.parse(localStorage.getItem(this.storageKey) ?? '{}');
      return typeof value === 'object' && value !== null ? (value as Record<string, RuntimeReport>) : {};
    } catch {
      return {};
    }
  }

  private save(pending: Record<string, RuntimeReport>): void {
    try {
      if (Object.keys(pending).length === 0) localStorage.removeItem(this.storageKey);
      else localStorage.setItem(this.storageKey, JSON.stringify(pending));
    } catch {
      // Storage off: reports are sent once, without a retry on the next launch.
    }
  }
}

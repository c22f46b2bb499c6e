import { LitElement, css, html, nothing } from 'lit';
import type { Scorm12API, Scorm2004API } from 'scorm-again';
import { HOST_PLAYER_STRINGS } from './host-strings';
import { clearCmi, loadAttempt, loadCmi, saveAttempt, saveCmi, type AttemptRecord } from './cmi-store';
import { reportableCmi, RuntimeReporter } from './runtime-reporter';

/** scorm-again's browser build defines these constructors on window. */
interface ScormAgainGlobals {
  Scorm12API?: typeof Scorm12API;
  Scorm2004API?: typeof Scorm2004API;
  API?: Scorm12API;
  API_1484_11?: Scorm2004API;
}

/** The CMI values the side panel shows. */
interface CmiSnapshot {
  learnerId: string;
  lessonStatus: string;
  successStatus: string;
  completionStatus: string;
  scoreRaw: string;
  lastCall: string;
}

const EMPTY_SNAPSHOT: CmiSnapshot = {
  learnerId: '',
  lessonStatus: '',
  successStatus: '',
  completionStatus: '',
  scoreRaw: '',
  lastCall: '',
};

type Json = Record<string, unknown>;

/**
 * Plays one SCORM package with scorm-again as its LMS: installs
 * `window.API` (SCORM 1.2) or `window.API_1484_11` (SCORM 2004) with the
 * learner preloaded, loads the package's launch page in a frame, and shows
 * the live CMI values beside it. The learner's CMI data is kept in
 * localStorage per package, so a relaunch resumes.
 *
 * Needs scorm-again's browser bundle loaded before it (it reads the
 * `Scorm12API` / `Scorm2004API` globals).
 *
 * @attr package - package folder name, part of the resume key
 * @attr launch - URL of the package's launch page
 * @attr version - `1.2` or `2004`
 * @attr learner-id - the learner's NIP, given to the package as student_id / learner_id
 * @attr learner-name - the learner's name, given as student_name / learner_name
 * @attr package-title - title shown to assistive technology for the frame
 * @attr report-url - the host's runtime route for this package; with
 *   `report-token`, the page sends what scorm-again recorded there at every
 *   Initialize, Commit and Terminate, and the LRS records it as xAPI
 *   statements. A reporting package follows SCORM's attempt rule: after a
 *   Terminate / LMSFinish with an exit other than suspend, the next launch
 *   is a new attempt with fresh CMI data.
 * @attr report-token - the launch token the host signed for this package and learner
 * @attr lang - `id` (default) or `en`: the panel's labels, and the learner's
 *   preferred language given to the package (student_preference.language /
 *   learner_preference.language), so the unit opens in it
 * @csspart frame - the package's iframe
 * @csspart panel - the CMI side panel
 */
export class SmartHostPlayer extends LitElement {
  static override properties = {
    packageName: { type: String, attribute: 'package' },
    launch: { type: String },
    version: { type: String },
    learnerId: { type: String, attribute: 'learner-id' },
    learnerName: { type: String, attribute: 'learner-name' },
    packageTitle: { type: String, attribute: 'package-title' },
    reportUrl: { type: String, attribute: 'report-url' },
    reportToken: { type: String, attribute: 'report-token' },
    snapshot: { state: true },
    commits: { state: true },
    resumed: { state: true },
    failure: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      font-family: system-ui, sans-serif;
      color: #1f2933;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 18rem;
      height: 100%;
    }
    iframe {
      border: 0;
      width: 100%;
      height: 100%;
      min-height: 30rem;
    }
    aside {
      border-left: 1px solid #d9e2ec;
      padding: 1rem;
      background: #f5f7fa;
      overflow: auto;
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 0.75rem;
    }
    dt {
      font-weight: 600;
      font-size: 0.85rem;
      margin-top: 0.6rem;
    }
    dd {
      margin: 0.1rem 0 0;
      font-family: ui-monospace, monospace;
      overflow-wrap: anywhere;
    }
    [role='alert'] {
      color: #a61b1b;
      padding: 1rem;
    }
  `;

  packageName = '';
  launch = '';
  version: '1.2' | '2004' = '1.2';
  learnerId = '';
  learnerName = '';
  packageTitle = '';
  reportUrl = '';
  reportToken = '';
  private snapshot: CmiSnapshot = EMPTY_SNAPSHOT;
  private commits = 0;
  private resumed = false;
  private failure = false;
  private installed = false;
  private readSnapshot: () => CmiSnapshot = () => EMPTY_SNAPSHOT;
  private reporter: RuntimeReporter | null = null;
  private attempt: AttemptRecord = { attempt: '', session: 0, ended: false };
  /** A new attempt after an ended one: the saved CMI belongs to the old attempt. */
  private startFresh = false;
  private startedAt = '';

  /** The page's language, which the learner picked on the package list; it wins over a resumed value. */
  private get preferredLanguage(): 'id' | 'en' {
    return this.lang === 'en' ? 'en' : 'id';
  }

  private get strings() {
    return HOST_PLAYER_STRINGS[this.preferredLanguage];
  }

  protected override willUpdate(): void {
    // The API must exist before the frame renders: the package looks for
    // it as soon as its page loads.
    if (this.installed) return;
    this.installed = true;
    this.beginSession();
    const scope = window as unknown as ScormAgainGlobals;
    if (this.version === '2004') this.install2004(scope);
    else this.install12(scope);
  }

  /** Continues the learner's attempt in a new session, or begins a new attempt; sends what an earlier page left unsent. */
  private beginSession(): void {
    const previous = loadAttempt(this.packageName, this.learnerId);
    const reporting = this.reportUrl !== '' && this.reportToken !== '';
    this.attempt =
      previous && !previous.ended
        ? { ...previous, session: previous.session + 1 }
        : { attempt: randomUuid(), session: 1, ended: false };
    this.startFresh = reporting && previous?.ended === true;
    // Forgotten now, not at the first commit: a page closed before it must not revive the old attempt's data.
    if (this.startFresh) clearCmi(this.packageName, this.learnerId);
    saveAttempt(this.packageName, this.learnerId, this.attempt);
    if (reporting) {
      this.reporter = new RuntimeReporter(this.reportUrl, this.reportToken, this.packageName, this.learnerId);
      void this.reporter.flush();
    }
  }

  /** Sends the session's state after Initialize, each Commit and Terminate. */
  private report(cmi: Json, phase: 'start' | 'commit' | 'finish', exit: string): void {
    const now = new Date().toISOString();
    if (phase === 'start') this.startedAt = now;
    if (phase === 'finish' && exit !== 'suspend') {
      this.attempt = { ...this.attempt, ended: true };
      saveAttempt(this.packageName, this.learnerId, this.attempt);
    }
    if (!this.reporter || !this.startedAt) return;
    void this.reporter.report({
      attempt: this.attempt.attempt,
      session: this.attempt.session,
      startedAt: this.startedAt,
      ...(phase === 'finish' ? { finishedAt: now } : {}),
      at: now,
      cmi: reportableCmi(cmi),
    });
  }

  private install12(scope: ScormAgainGlobals): void {
    if (!scope.Scorm12API) {
      this.failure = true;
      return;
    }
    const api = new scope.Scorm12API({ autocommit: false, logLevel: 4 });
    const saved = this.startFresh ? null : loadCmi(this.packageName, this.learnerId);
    if (saved) {
      api.loadFromJSON(resumable12(saved));
      this.resumed = true;
    }
    api.cmi.core.student_id = this.learnerId;
    api.cmi.core.student_name = this.learnerName;
    api.cmi.student_preference.language = this.preferredLanguage;
    scope.API = api;
    this.readSnapshot = () => ({
      ...EMPTY_SNAPSHOT,
      learnerId: api.cmi.core.student_id,
      lessonStatus: api.cmi.core.lesson_status,
      scoreRaw: api.cmi.core.score.raw,
    });
    const save = () => {
      const data = toJson(api.cmi);
      (data.core as Json).total_time = api.cmi.getCurrentTotalTime();
      saveCmi(this.packageName, this.learnerId, data);
    };
    // cmi.core.exit is write-only through the API object; its JSON form carries it.
    this.listen(api, ['LMSInitialize', 'LMSSetValue.cmi.*', 'LMSCommit', 'LMSFinish'], 'LMSCommit', save, (phase) => {
      const cmi = toJson(api.cmi);
      this.report(cmi, phase, String((cmi.core as Json | undefined)?.exit ?? ''));
    });
  }

  private install2004(scope: ScormAgainGlobals): void {
    if (!scope.Scorm2004API) {
      this.failure = true;
      return;
    }
    const api = new scope.Scorm2004API({ autocommit: false, logLevel: 4 });
    const saved = this.startFresh ? null : loadCmi(this.packageName, this.learnerId);
    if (saved) {
      api.loadFromJSON(resumable2004(saved));
      this.resumed = true;
    }
    api.cmi.learner_id = this.learnerId;
    api.cmi.learner_name = this.learnerName;
    api.cmi.learner_preference.language = this.preferredLanguage;
    scope.API_1484_11 = api;
    this.readSnapshot = () => ({
      ...EMPTY_SNAPSHOT,
      learnerId: api.cmi.learner_id,
      successStatus: api.cmi.success_status,
      completionStatus: api.cmi.completion_status,
      scoreRaw: api.cmi.score.raw,
    });
    const save = () => {
      const data = toJson(api.cmi);
      data.total_time = api.cmi.getCurrentTotalTime();
      saveCmi(this.packageName, this.learnerId, data);
    };
    // cmi.exit is write-only through the API object; its JSON form carries it.
    this.listen(api, ['Initialize', 'SetValue.cmi.*', 'Commit', 'Terminate'], 'Commit', save, (phase) => {
      const cmi = toJson(api.cmi);
      this.report(cmi, phase, String(cmi.exit ?? ''));
    });
  }

  /**
   * Refreshes the panel after each listed call, saves on commit and on the
   * final call, and reports the first, commit and final calls. scorm-again
   * runs listeners while the call is still under way, so the values are
   * read a microtask later.
   */
  private listen(
    api: { on(event: string, callback: (...args: unknown[]) => void): void },
    events: readonly string[],
    commitEvent: string,
    save: () => void,
    report: (phase: 'start' | 'commit' | 'finish') => void,
  ): void {
    const startEvent = events[0]!;
    const finishEvent = events[events.length - 1]!;
    for (const event of events) {
      api.on(event, () => {
        queueMicrotask(() => {
          if (event === commitEvent) this.commits += 1;
          if (event === commitEvent || event === finishEvent) save();
          if (event === startEvent) report('start');
          else if (event === commitEvent) report('commit');
          else if (event === finishEvent) report('finish');
          this.snapshot = { ...this.readSnapshot(), lastCall: event.replace('.cmi.*', '') };
        });
      });
    }
    this.snapshot = this.readSnapshot();
  }

  override render() {
    const t = this.strings;
    if (this.failure) return html`<p role="alert">${t.missingLibrary}</p>`;
    const value = (text: string) => text || t.none;
    const rows =
      this.version === '2004'
        ? html`<dt>${t.successStatus}</dt>
            <dd data-cmi="success_status">${value(this.snapshot.successStatus)}</dd>
            <dt>${t.completionStatus}</dt>
            <dd data-cmi="completion_status">${value(this.snapshot.completionStatus)}</dd>`
        : html`<dt>${t.lessonStatus}</dt>
            <dd data-cmi="lesson_status">${value(this.snapshot.lessonStatus)}</dd>`;
    return html`<div class="layout">
      <iframe part="frame" src=${this.launch} title=${t.frameTitle(this.packageTitle || this.packageName)}></iframe>
      <aside part="panel" aria-labelledby="panel-title">
        <h2 id="panel-title">${t.panelTitle}</h2>
        ${this.resumed ? html`<p>${t.resumed}</p>` : nothing}
        <dl aria-live="polite">
          <dt>${t.learnerId}</dt>
          <dd data-cmi="learner_id">${value(this.snapshot.learnerId)}</dd>
          ${rows}
          <dt>${t.scoreRaw}</dt>
          <dd data-cmi="score.raw">${value(this.snapshot.scoreRaw)}</dd>
          <dt>${t.commits}</dt>
          <dd data-cmi="commits">${this.commits}</dd>
          <dt>${t.lastCall}</dt>
          <dd data-cmi="last-call">${value(this.snapshot.lastCall)}</dd>
        </dl>
      </aside>
    </div>`;
  }
}

/** A version 4 UUID; crypto.randomUUID needs a secure context, which an LMS on plain http is not. */
function randomUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toJson(cmi: unknown): Json {
  return JSON.parse(JSON.stringify(cmi)) as Json;
}

/** A saved SCORM 1.2 CMI ready for a new session: entry from the last exit, no old session time. */
function resumable12(saved: Json): Json {
  const core = { ...((saved.core as Json | undefined) ?? {}) };
  core.entry = core.exit === 'suspend' ? 'resume' : '';
  delete core.session_time;
  return { ...saved, core };
}

/** The SCORM 2004 counterpart of {@link resumable12}. */
function resumable2004(saved: Json): Json {
  const data: Json = { ...saved, entry: saved.exit === 'suspend' ? 'resume' : '' };
  delete data.session_time;
  return data;
}

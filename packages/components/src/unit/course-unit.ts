import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { localize, materialTestId, type Language, type NextStep } from '@smart-training/core';
import {
  AssessmentClient,
  StatementClient,
  connectHost,
  type HostBridge,
  type ResultView,
  type StatusView,
} from '@smart-training/runtime';
import { errorText, isRetryable, toLanguage } from '../i18n';
import { CourseFileError, loadCourseFile, type CourseFile } from './course-file';
import { courseUnitStyles } from './course-unit.styles';
import { decidedResult, hostStatusFor } from './host-report';
import { testStatusOf } from './progress';
import { UNIT_STRINGS, type UnitStrings } from './strings';
import { unitStyles } from './unit.styles';

declare global {
  interface HTMLElementTagNameMap {
    'smart-course-unit': SmartCourseUnit;
  }
}

type Phase = 'loading' | 'identify' | 'opening' | 'ready' | 'fatal';

type View =
  | { kind: 'outline' }
  | { kind: 'material'; materialId: string }
  | { kind: 'test'; testId: string; run: number }
  | { kind: 'certificate' };

/** A failure that stops the unit, kept as thrown so its text follows the language. */
interface Fatal {
  error: unknown;
  /** Which step a retry repeats; null when retrying cannot help. */
  retry: 'boot' | 'session' | null;
}

/** Where the learner's own choice of language is kept, for every course on this site. */
const LANGUAGE_KEY = 'smart-unit:language';

/**
 * A SMART Training course unit, the root element of a package's
 * index.html. It loads course.json, learns who the learner is from the LMS
 * (SCORM 1.2 / 2004) or asks for the NIP when opened standalone, opens a
 * session with the LRS, and shows the outline, the materials, the tests
 * (through `<smart-cat-player>`, which the unit bundle registers) and the
 * certificate. After every test it reports the score and status to the LMS
 * and commits; when the session opens on a course the LRS decided
 * earlier, it reports that decision at once. It sends its own xAPI
 * statements: initialized at start, experienced per material opened,
 * terminated when the page goes away.
 *
 * Attributes / properties:
 * - `src`: URL of course.json, relative to the page (default "course.json").
 * - `lang`: "id" (default) or "en". The unit starts in the LMS learner's
 *   preferred language when the LMS holds one, else in the language the
 *   learner last chose in the top bar (kept in localStorage), else in this.
 *
 * Events: none of its own; the events of its parts bubble through.
 *
 * CSS parts: `header`, `languages`, `view`, `error`. Colours follow the
 * `--smart-*` custom properties.
 *
 * @element smart-course-unit
 */
export class SmartCourseUnit extends LitElement {
  static override styles = [unitStyles, courseUnitStyles];

  static override properties = {
    src: {},
    lang: { reflect: true, converter: { fromAttribute: toLanguage } },
    phase: { state: true },
    view: { state: true },
    course: { state: true },
    status: { state: true },
    fatal: { state: true },
    identifyError: { state: true },
    refreshError: { state: true },
  };

  src = 'course.json';
  override lang: Language = 'id';

  protected phase: Phase = 'loading';
  protected view: View = { kind: 'outline' };
  protected course: CourseFile | null = null;
  protected status: StatusView | null = null;
  protected fatal: Fatal | null = null;
  protected identifyError: unknown = null;
  protected refreshError: unknown = null;

  private host: HostBridge | null = null;
  private client: AssessmentClient | null = null;
  private statements: StatementClient | null = null;
  private started = false;
  private ended = false;
  private runs = 0;

  private readonly onPageHide = (): void => this.end();

  private get t(): UnitStrings {
    return UNIT_STRINGS[this.lang === 'en' ? 'en' : 'id'];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.onPageHide);
    if (!this.started) {
      this.started = true;
      this.lang = readStoredLanguage() ?? this.lang;
      void this.boot();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.onPageHide);
  }

  /* ---------------------------------------------------------------- */
  /* Start and end                                                     */
  /* ---------------------------------------------------------------- */

  private async boot(): Promise<void> {
    this.phase = 'loading';
    this.fatal = null;
    try {
      this.course = await loadCourseFile(new URL(this.src, document.baseURI).href);
    } catch (error) {
      this.fatal = { error, retry: 'boot' };
      this.phase = 'fatal';
      return;
    }
    this.host ??= connectHost(window);
    const learner = await this.host.start();
    this.lang = this.host.preferredLanguage() ?? this.lang;
    if (learner === null) {
      this.phase = 'identify';
      await this.updateComplete;
      this.renderRoot.querySelector('smart-nip-form')?.focus();
      return;
    }
    await this.openSession(learner.id, false);
  }

  private async openSession(nip: string, typedByLearner: boolean): Promise<void> {
    const course = this.course!;
    this.phase = 'opening';
    this.identifyError = null;
    try {
      const client = await AssessmentClient.openSession(
        course.lrs.endpoint,
        { key: course.lrs.key, secret: course.lrs.secret },
        { courseId: course.outline.id, nip },
      );
      this.client = client;
      this.status = client.initialStatus;
      this.reportDecided(client.initialStatus);
      this.startStatements(client);
      this.phase = 'ready';
      await this.show({ kind: 'outline' });
    } catch (error) {
      if (typedByLearner) {
        // The learner can correct a NIP they typed; one from the LMS they cannot.
        this.identifyError = error;
        this.phase = 'identify';
      } else {
        this.fatal = { error, retry: isRetryable(error) ? 'session' : null };
        this.phase = 'fatal';
      }
    }
  }

  /** An LMS that launches an already decided course learns the decision, not just "incomplete". */
  private reportDecided(status: StatusView): void {
    const decided = decidedResult(status);
    if (decided !== null) this.host?.reportResult(decided);
  }

  private chooseLanguage(lang: Language): void {
    this.lang = lang;
    storeLanguage(lang);
  }

  private startStatements(client: AssessmentClient): void {
    const outline = this.course!.outline;
    this.statements = new StatementClient({
      endpoint: this.course!.lrs.endpoint,
      credential: client.credential,
      course: { id: outline.id, title: outline.title },
      learner: { nip: client.learner.nip, name: client.learner.name },
      registration: client.registration,
      hostKind: this.host!.kind,
    });
    void this.statements.initialized();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    void this.statements?.terminated();
    this.host?.terminate();
  }

  private async retry(): Promise<void> {
    const learner = (await this.host?.start()) ?? null;
    if (this.fatal?.retry === 'session' && learner !== null) void this.openSession(learner.id, false);
    else void this.boot();
  }

  /* ---------------------------------------------------------------- */
  /* Navigation                                                        */
  /* ---------------------------------------------------------------- */

  private async show(view: View): Promise<void> {
    this.view = view;
    await this.updateComplete;
    const root = this.renderRoot;
    switch (view.kind) {
      case 'outline':
        root.querySelector<HTMLElement>('h1')?.focus();
        return;
      case 'material': {
        const element = root.querySelector('smart-material-view');
        await element?.updateComplete;
        element?.focus();
        return;
      }
      case 'certificate': {
        const element = root.querySelector('smart-certificate-panel');
        await element?.updateComplete;
        element?.focus();
        return;
      }
      case 'test':
        // The player moves focus to its own intro heading when it first renders.
        return;
    }
  }

  private openMaterial(materialId: string): void {
    const material = this.course?.outline.materials.find((m) => m.id === materialId);
    if (material === undefined) return;
    void this.statements?.experienced({ id: material.id, title: material.title });
    void this.show({ kind: 'material', materialId });
  }

  private startTest(testId: string): void {
    this.runs += 1;
    void this.show({ kind: 'test', testId, run: this.runs });
  }

  private openStep(step: NextStep): void {
    switch (step.kind) {
      case 'material':
        this.openMaterial(step.materialId);
        return;
      case 'remedial':
        // Remedial means studying again first; a final-test remedial has no single material.
        if (step.materialId !== null) this.openMaterial(step.materialId);
        else this.startTest(step.testId);
        return;
      case 'placement':
      case 'final':
        this.startTest(step.testId);
        return;
      case 'certificate':
        void this.show({ kind: 'certificate' });
        return;
    }
  }

  private onTestFinished(result: ResultView): void {
    this.host?.reportResult({ scoreRaw: result.score, status: hostStatusFor(result.status.status) });
    this.status = result.status;
    void this.refreshStatus();
  }

  private async refreshStatus(): Promise<void> {
    if (this.client === null) return;
    try {
      this.status = await this.client.status();
      this.refreshError = null;
    } catch (error) {
      this.refreshError = error;
    }
  }

  private backToOutline(): void {
    void this.refreshStatus();
    void this.show({ kind: 'outline' });
  }

  /* ---------------------------------------------------------------- */
  /* Rendering                                                         */
  /* ---------------------------------------------------------------- */

  protected override render(): TemplateResult {
    return html`${this.renderHeader()}
      <div part="view">${this.renderPhase()}</div>`;
  }

  private renderHeader(): TemplateResult {
    const t = this.t;
    const outline = this.course?.outline;
    const learner = this.client?.learner;
    return html`
      <header part="header" class="bar">
        <div class="identity">
          <h1 tabindex="-1">${outline === undefined ? t.loading : localize(outline.title, this.lang)}</h1>
          ${learner === undefined
            ? nothing
            : html`<p class="muted" data-learner=${learner.nip}>${t.learner(learner.name, learner.nip)}</p>`}
        </div>
        <div part="languages" class="languages" role="group" aria-label=${t.languageLabel}>
          ${(['id', 'en'] as const).map(
            (lang) => html`<button
              lang=${lang}
              data-lang=${lang}
              aria-pressed=${this.lang === lang ? 'true' : 'false'}
              @click=${() => this.chooseLanguage(lang)}
            >
              ${t.languageNames[lang]}
            </button>`,
          )}
        </div>
      </header>
    `;
  }

  private renderPhase(): TemplateResult | typeof nothing {
    const t = this.t;
    switch (this.phase) {
      case 'loading':
        return html`<p role="status">${t.loading}</p>`;
      case 'opening':
        return html`<p role="status">${t.connecting}</p>`;
      case 'identify':
        return html`<smart-nip-form
          .lang=${this.lang}
          .error=${this.identifyError === null ? '' : this.describe(this.identifyError)}
          @smart-nip-submit=${(e: CustomEvent<{ nip: string }>) => this.openSession(e.detail.nip, true)}
        ></smart-nip-form>`;
      case 'fatal':
        return this.renderFatal();
      case 'ready':
        return this.renderView();
    }
  }

  private renderFatal(): TemplateResult {
    const fatal = this.fatal!;
    const t = this.t;
    return html`
      <div part="error" class="card" role="alert">
        <h2>${t.fatalHeading}</h2>
        <p class="error" data-error>${this.describe(fatal.error)}</p>
        ${fatal.retry === null
          ? nothing
          : html`<button class="primary" data-action="retry" @click=${() => this.retry()}>${t.retry}</button>`}
      </div>
    `;
  }

  private describe(error: unknown): string {
    if (error instanceof CourseFileError) return this.t.courseFileFailed(localize(error.detail, this.lang));
    return errorText(error, this.lang, { unexpected: this.t.unexpectedError });
  }

  private renderView(): TemplateResult {
    const course = this.course!;
    const view = this.view;
    switch (view.kind) {
      case 'outline':
        return html`
          ${this.renderRefreshNotice()} ${this.renderCertificate()}
          <smart-course-outline
            .outline=${course.outline}
            .status=${this.status}
            .lang=${this.lang}
            @smart-open-material=${(e: CustomEvent<{ materialId: string }>) => this.openMaterial(e.detail.materialId)}
            @smart-start-test=${(e: CustomEvent<{ testId: string }>) => this.startTest(e.detail.testId)}
            @smart-next-step=${(e: CustomEvent<NextStep>) => this.openStep(e.detail)}
          ></smart-course-outline>
        `;
      case 'material': {
        const material = course.outline.materials.find((m) => m.id === view.materialId)!;
        return html`<smart-material-view
          .material=${material}
          .test=${testStatusOf(this.status, materialTestId(material.id))}
          .lang=${this.lang}
          @smart-start-test=${(e: CustomEvent<{ testId: string }>) => this.startTest(e.detail.testId)}
          @smart-back-to-outline=${() => this.backToOutline()}
        ></smart-material-view>`;
      }
      case 'test':
        // A fresh player per run, so a retake never sees the last run's state.
        return html`${keyed(
          view.run,
          html`<smart-cat-player
            .client=${this.client}
            .outline=${course.outline}
            .attempt=${(testStatusOf(this.status, view.testId)?.attempts ?? 0) + 1}
            .testId=${view.testId}
            .lang=${this.lang}
            @smart-test-finished=${(e: CustomEvent<ResultView>) => this.onTestFinished(e.detail)}
            @smart-next-step=${(e: CustomEvent<NextStep>) => this.openStep(e.detail)}
            @smart-test-exit=${() => this.backToOutline()}
          ></smart-cat-player>`,
        )}`;
      case 'certificate':
        return html`
          <p><button data-action="back" @click=${() => this.backToOutline()}>${this.t.backToOutline}</button></p>
          ${this.renderCertificate()}
        `;
    }
  }

  private renderCertificate(): TemplateResult | typeof nothing {
    const status = this.status;
    if (status === null || status.certificate === null) return nothing;
    const course = this.course!;
    return html`<smart-certificate-panel
      .certificate=${status.certificate}
      .courseTitle=${course.outline.title}
      .learnerName=${status.name}
      .nip=${status.nip}
      .jp=${status.jpCredited}
      .timeZone=${course.outline.offering.timeZone}
      .lang=${this.lang}
    ></smart-certificate-panel>`;
  }

  private renderRefreshNotice(): TemplateResult | typeof nothing {
    if (this.refreshError === null) return nothing;
    return html`<p class="notice" role="status">${this.t.statusRefreshFailed}</p>`;
  }
}

// Storage may be off (private mode, sandboxed LMS frames): the toggle then
// lasts for this page only.
function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_KEY);
    return stored === 'id' || stored === 'en' ? stored : null;
  } catch {
    return null;
  }
}

function storeLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // See above.
  }
}

import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { localize, materialTestId, type Language, type NextStep } from '@smart-training/core';
import {
  AssessmentClient,
  StatementClient,
  UnsupportedLaunchError,
  connectHost,
  type HostBridge,
  type HostResult,
  type ResultView,
  type StatusView,
} from '@smart-training/runtime';
import { errorText, formatScore, isRetryable, toLanguage } from '../i18n';
import { CourseFileError, loadCourseFile, type CourseFile } from './course-file';
import { courseUnitStyles } from './course-unit.styles';
import { auResult, decidedResult, earlierPass, hostStatusFor } from './host-report';
import {
  AU_PARAMETER,
  UnknownAuError,
  auFocusOf,
  encodeResumeState,
  readResumeState,
  type AuFocus,
  type ResumeState,
  type ResumeStep,
} from './launch-state';
import { stepTarget, testStateOf, testStatusOf } from './progress';
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
  | { kind: 'certificate' }
  /** The page of a placement or final AU: the test's standing, its start button or why it is refused. */
  | { kind: 'au' };

/** The learner's "Done" in an AU launch: closing the LMS session, then leaving or saying so. */
type Closing = 'open' | 'closing' | 'closed';

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
 * (SCORM 1.2 / 2004, cmi5, an xAPI launch) or asks for the NIP when opened
 * standalone, opens a session with the LRS, and shows the outline, the
 * materials, the tests (through `<smart-cat-player>`, which the unit bundle
 * registers) and the certificate. After every test it reports the score
 * and the learner's standing in the course to the LMS and commits; when
 * the session opens on a course the LRS decided earlier, it reports that
 * decision at once. It sends its own xAPI statements: initialized at
 * start, experienced per material opened, terminated when the page goes
 * away.
 *
 * Launched for one AU (`?smart-au=<test id>`, how every cmi5 AU launches),
 * the unit shows that test only: a material AU its material and then its
 * test with remedial retakes, a placement or final AU its test. It reports
 * that test's score and the LRS's passed/failed to the LMS, never a
 * failure for a test the SMART rules refuse (it shows the LRS's reason
 * instead), and offers "Done", which closes the LMS session and follows a
 * cmi5 `returnURL`.
 *
 * Resume: the step, the scroll position in a material and the language the
 * learner chose are saved through the host's `saveProgress` whenever they
 * change, and restored at the next launch. A saved state the unit cannot
 * read is ignored with a `[smart-unit:progress-ignored]` console warning.
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
    auReported: { state: true },
    closing: { state: true },
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
  /** In an AU launch: the LMS holds the AU's result, so "Done" is offered. */
  protected auReported = false;
  protected closing: Closing = 'open';

  private host: HostBridge | null = null;
  private client: AssessmentClient | null = null;
  private statements: StatementClient | null = null;
  private started = false;
  private ending: Promise<void> | null = null;
  private runs = 0;
  /** The test of an AU launch; null when the unit plays the whole course. */
  private au: AuFocus | null = null;
  /** What the last launch left, until the first view is shown. */
  private resumed: ResumeState | null = null;
  /** The language the learner chose in this attempt, kept in the progress state. */
  private chosenLang: Language | undefined = undefined;
  /** How far down the current material the learner scrolled, 0–1. */
  private scrolled: number | undefined = undefined;
  private scrollFrame: number | null = null;
  private lastSaved: string | null = null;

  private readonly onPageHide = (): void => void this.end();
  private readonly onScroll = (): void => {
    this.scrollFrame ??= requestAnimationFrame(() => {
      this.scrollFrame = null;
      this.noteScroll();
    });
  };

  private get t(): UnitStrings {
    return UNIT_STRINGS[this.lang === 'en' ? 'en' : 'id'];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('scroll', this.onScroll, { passive: true });
    if (!this.started) {
      this.started = true;
      this.lang = readStoredLanguage() ?? this.lang;
      void this.boot();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.onPageHide);
    window.removeEventListener('scroll', this.onScroll);
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
    const outline = this.course.outline;
    const auTestId = new URLSearchParams(window.location.search).get(AU_PARAMETER);
    this.au = auTestId === null ? null : (auFocusOf(outline, auTestId) ?? null);
    try {
      if (auTestId !== null && this.au === null) throw new UnknownAuError(auTestId);
      this.host ??= connectHost(window);
    } catch (error) {
      // A package launched as what it is not: only the administrator can fix it.
      this.fatal = { error, retry: null };
      this.phase = 'fatal';
      return;
    }
    const learner = await this.host.start();
    this.resumed = this.readResumed(this.host.loadProgress());
    this.chosenLang = this.resumed?.lang;
    this.lang = this.chosenLang ?? this.host.preferredLanguage() ?? this.lang;
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
      if (this.au === null) this.reportDecided(client.initialStatus);
      else this.reportEarlierPass(client.initialStatus, this.au.testId);
      this.startStatements(client);
      this.phase = 'ready';
      const first = this.firstView();
      if (first.kind === 'material') this.sendExperienced(first.materialId);
      await this.show(first);
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
    if (decided !== null) void this.host?.reportResult(decided);
  }

  /** An AU whose test was passed in an earlier session tells the LMS again, in case that report was lost. */
  private reportEarlierPass(status: StatusView, testId: string): void {
    const pass = earlierPass(status, testId);
    if (pass !== null) void this.reportForAu(pass);
  }

  private async reportForAu(result: HostResult): Promise<void> {
    await this.host?.reportResult(result);
    this.auReported = true;
  }

  private chooseLanguage(lang: Language): void {
    this.lang = lang;
    this.chosenLang = lang;
    storeLanguage(lang);
    this.saveResume();
  }

  /** The state the last launch saved, or null when there is none or it cannot be used. */
  private readResumed(saved: string | null): ResumeState | null {
    if (saved === null || saved === '') return null;
    const read = readResumeState(saved, this.course!.outline, this.au);
    if (read.ok) {
      this.lastSaved = saved;
      return read.state;
    }
    console.warn(
      `[smart-unit:progress-ignored] The progress saved by an earlier launch was ignored because ${read.problem}; ` +
        `the learner starts at the beginning of the ${this.au === null ? 'course' : 'AU'}. Saved state: ${saved.slice(0, 200)}`,
    );
    return null;
  }

  /** Keeps where the learner is for the next launch; the host batches the commits. */
  private saveResume(): void {
    if (this.host === null || this.phase !== 'ready' || this.ending !== null) return;
    const state = encodeResumeState({
      step: stepOf(this.view),
      ...(this.view.kind === 'material' && this.scrolled !== undefined ? { scroll: this.scrolled } : {}),
      ...(this.chosenLang === undefined ? {} : { lang: this.chosenLang }),
    });
    if (state === this.lastSaved) return;
    this.lastSaved = state;
    this.host.saveProgress(state);
  }

  private noteScroll(): void {
    if (this.view.kind !== 'material') return;
    this.scrolled = scrolledFraction();
    this.saveResume();
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

  /** Ends the LRS and LMS sessions once; resolves when the LMS has closed it. */
  private end(): Promise<void> {
    this.ending ??= Promise.all([
      this.statements?.terminated().catch(() => undefined),
      this.host?.terminate(),
    ]).then(() => undefined);
    return this.ending;
  }

  /** "Done" in an AU launch: close the session, then go where a cmi5 LMS asked, if it did. */
  private async finish(): Promise<void> {
    if (this.closing !== 'open') return;
    this.closing = 'closing';
    await this.end();
    const returnUrl = returnUrlOf(this.host);
    if (returnUrl !== null) {
      window.location.assign(returnUrl);
      return;
    }
    this.closing = 'closed';
  }

  private async retry(): Promise<void> {
    const learner = (await this.host?.start()) ?? null;
    if (this.fatal?.retry === 'session' && learner !== null) void this.openSession(learner.id, false);
    else void this.boot();
  }

  /* ---------------------------------------------------------------- */
  /* Navigation                                                        */
  /* ---------------------------------------------------------------- */

  /** The view a launch opens on: where the last launch left off, else the start. */
  private firstView(): View {
    const resumed = this.resumed;
    this.resumed = null;
    const view = resumed === null ? null : this.viewOf(resumed.step);
    if (view === null) return this.homeView(true);
    if (view.kind === 'material') this.scrolled = resumed?.scroll;
    return view;
  }

  /** The view of a saved step, or null when the step is closed now (a test submitted since). */
  private viewOf(step: ResumeStep): View | null {
    switch (step.view) {
      case 'outline':
      case 'au':
        return { kind: step.view };
      case 'certificate':
        return this.status?.certificate ? { kind: 'certificate' } : null;
      case 'material':
        return { kind: 'material', materialId: step.id };
      case 'test':
        return testStatusOf(this.status, step.id)?.available ? this.testView(step.id) : null;
    }
  }

  /**
   * Where the learner starts and comes back to: the outline of the whole
   * course, an AU's material, or a placement or final AU's page (its test
   * straight away at launch while the test is open).
   */
  private homeView(atLaunch: boolean): View {
    const focus = this.au;
    if (focus === null) return { kind: 'outline' };
    if (focus.kind === 'material') return { kind: 'material', materialId: focus.material.id };
    const open = testStatusOf(this.status, focus.testId)?.available ?? false;
    return atLaunch && open && !this.auReported ? this.testView(focus.testId) : { kind: 'au' };
  }

  private testView(testId: string): View {
    this.runs += 1;
    return { kind: 'test', testId, run: this.runs };
  }

  private async show(view: View): Promise<void> {
    const restoredScroll = view.kind === 'material' ? this.scrolled : undefined;
    this.view = view;
    this.scrolled = restoredScroll;
    this.saveResume();
    await this.updateComplete;
    const root = this.renderRoot;
    switch (view.kind) {
      case 'outline':
        root.querySelector<HTMLElement>('h1')?.focus();
        return;
      case 'au':
        root.querySelector<HTMLElement>('[data-au] h2')?.focus();
        return;
      case 'material': {
        const element = root.querySelector('smart-material-view');
        await element?.updateComplete;
        element?.focus();
        if (restoredScroll !== undefined) scrollToFraction(restoredScroll);
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
    if (!this.course?.outline.materials.some((m) => m.id === materialId)) return;
    this.sendExperienced(materialId);
    this.scrolled = undefined;
    void this.show({ kind: 'material', materialId });
  }

  private sendExperienced(materialId: string): void {
    const material = this.course?.outline.materials.find((m) => m.id === materialId);
    if (material !== undefined) void this.statements?.experienced({ id: material.id, title: material.title });
  }

  private startTest(testId: string): void {
    void this.show(this.testView(testId));
  }

  /** A next step chosen on a result screen; in an AU launch, a step to another test leads back to the AU's page. */
  private onNextStep(step: NextStep): void {
    if (this.au !== null && stepTarget(step) !== this.au.testId) this.goHome();
    else this.openStep(step);
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
    if (this.au === null) {
      void this.host?.reportResult({ scoreRaw: result.score, status: hostStatusFor(result.status.status) });
    } else if (result.testId === this.au.testId) {
      void this.reportForAu(auResult(result));
    }
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

  private goHome(): void {
    void this.refreshStatus();
    void this.show(this.homeView(false));
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
    if (error instanceof UnknownAuError) return this.t.unknownAu(error.testId);
    if (error instanceof UnsupportedLaunchError) return this.t.cmi5PackageNeeded;
    return errorText(error, this.lang, { unexpected: this.t.unexpectedError });
  }

  private renderView(): TemplateResult {
    if (this.closing === 'closed') return html`<p class="card" role="status" data-closed>${this.t.closed}</p>`;
    return html`${this.renderDone()}${this.renderStep()}`;
  }

  private renderStep(): TemplateResult {
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
            @smart-next-step=${(e: CustomEvent<NextStep>) => this.onNextStep(e.detail)}
          ></smart-course-outline>
        `;
      case 'material': {
        const material = course.outline.materials.find((m) => m.id === view.materialId)!;
        return html`<smart-material-view
          .material=${material}
          .test=${testStatusOf(this.status, materialTestId(material.id))}
          .lang=${this.lang}
          .back=${this.au === null}
          @smart-start-test=${(e: CustomEvent<{ testId: string }>) => this.startTest(e.detail.testId)}
          @smart-back-to-outline=${() => this.goHome()}
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
            @smart-next-step=${(e: CustomEvent<NextStep>) => this.onNextStep(e.detail)}
            @smart-test-exit=${() => this.goHome()}
          ></smart-cat-player>`,
        )}`;
      case 'certificate':
        return html`
          <p><button data-action="back" @click=${() => this.goHome()}>${this.t.backToOutline}</button></p>
          ${this.renderCertificate()}
        `;
      case 'au':
        return html`${this.renderAuTest()} ${this.renderCertificate()}`;
    }
  }

  /** A placement or final AU's test: its standing, and its start button or the LRS's reason it is closed. */
  private renderAuTest(): TemplateResult {
    const t = this.t;
    const focus = this.au!;
    const spec = focus.test;
    const test = testStatusOf(this.status, focus.testId);
    const state = testStateOf(test);
    return html`
      <section class="card" data-au=${focus.testId} aria-labelledby="au-heading">
        <div class="row apart">
          <h2 id="au-heading" tabindex="-1">${localize(spec.title, this.lang)}</h2>
          <span class="badge" data-state=${state}>${t.testState[state]}</span>
        </div>
        <p>${t.passMark(spec.passMark)} · ${t.testTimeLimit(spec.timeLimitMinutes)}</p>
        ${test !== undefined && test.attempts > 0 && test.bestScore !== null
          ? html`<p class="muted" data-progress>${t.bestScore(formatScore(test.bestScore, this.lang), test.attempts)}</p>`
          : nothing}
        ${test?.available
          ? html`<button class="primary" data-action="start-test" @click=${() => this.startTest(focus.testId)}>
              ${test.attempts > 0 ? t.retakeTest : t.startTest}
            </button>`
          : test?.reason === undefined
            ? nothing
            : state === 'passed'
              ? html`<div role="status" data-refusal=${test.reason.code}>
                  <h3>${t.auPassedHeading}</h3>
                  <p>${localize(test.reason.message, this.lang)}</p>
                </div>`
              : html`<div role="alert" data-refusal=${test.reason.code}>
                <h3>${t.auRefusedHeading}</h3>
                <p>${localize(test.reason.message, this.lang)}</p>
              </div>`}
      </section>
    `;
  }

  /**
   * "Done" of an AU launch, once the LMS holds the AU's result or the
   * SMART rules leave nothing to do in it. A material AU's refusal reads
   * in the material's own test card; a placement or final AU's on its page.
   */
  private renderDone(): TemplateResult | typeof nothing {
    const focus = this.au;
    if (focus === null) return nothing;
    const closedByRules = testStatusOf(this.status, focus.testId)?.available === false;
    if (!this.auReported && !closedByRules) return nothing;
    const t = this.t;
    return html`<section class="card row apart" data-au-done>
      <p>${this.auReported ? html`<span data-reported>${t.auReported}</span> ` : nothing}${t.auLeave}</p>
      <button class="primary" data-action="done" ?disabled=${this.closing !== 'open'} @click=${() => this.finish()}>
        ${this.closing === 'closing' ? t.closing : t.done}
      </button>
    </section>`;
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

function stepOf(view: View): ResumeStep {
  switch (view.kind) {
    case 'outline':
    case 'certificate':
    case 'au':
      return { view: view.kind };
    case 'material':
      return { view: 'material', id: view.materialId };
    case 'test':
      return { view: 'test', id: view.testId };
  }
}

/** How far the page is scrolled, 0–1 in hundredths: a position that survives another window size. */
function scrolledFraction(): number {
  const room = document.documentElement.scrollHeight - window.innerHeight;
  if (room <= 0) return 0;
  return Math.round(Math.min(1, Math.max(0, window.scrollY / room)) * 100) / 100;
}

function scrollToFraction(fraction: number): void {
  const room = document.documentElement.scrollHeight - window.innerHeight;
  if (room > 0) window.scrollTo({ top: Math.round(fraction * room), behavior: 'instant' });
}

/**
 * The cmi5 host's `returnUrl`. Read without importing its class, which
 * would pull @xapi/cmi5 into the lean bundle of SCORM and xAPI packages.
 */
function returnUrlOf(host: HostBridge | null): string | null {
  const url = (host as { returnUrl?: unknown } | null)?.returnUrl;
  return typeof url === 'string' && url !== '' ? url : null;
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

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import {
  localize,
  type Answers,
  type CourseOutline,
  type FormItem,
  type Language,
  type NextStep,
  type TestSpec,
} from '@smart-training/core';
import type { FormView, RequestedForm, ResultView } from '@smart-training/runtime';
import {
  describeNextStep,
  errorText,
  fireSmartEvent,
  formatScore,
  isRetryable,
  toLanguage,
} from '@smart-training/components';
import {
  choose,
  emptyState,
  flaggedIndexes,
  goTo,
  isAnswered,
  isFlagged,
  restoreState,
  storageKey,
  submission,
  toggleFlag,
  unansweredIndexes,
  type AnswerState,
} from './answer-state';
import { catPlayerStyles } from './cat-player.styles';
import { CAT_STRINGS, type CatStrings } from './strings';
import { deadlineAtReceipt, formatClock, secondsLeft, thresholdCrossed } from './timer';

/**
 * The part of the assessment client the player uses. The runtime's
 * AssessmentClient fits it; tests pass a fake.
 */
export interface TestClient {
  requestForm(testId: string): Promise<RequestedForm>;
  submitAnswers(formId: string, answers: Answers): Promise<ResultView>;
}

/** Detail of `smart-test-exit`: which test the learner left. */
export interface TestExitDetail {
  testId: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'smart-cat-player': SmartCatPlayer;
  }
  interface HTMLElementEventMap {
    'smart-test-finished': CustomEvent<ResultView>;
    'smart-test-exit': CustomEvent<TestExitDetail>;
  }
}

type Screen = 'intro' | 'loading' | 'item' | 'review' | 'submitting' | 'result' | 'error';

/** A failure the learner is shown, and what they can do about it. */
interface Failure {
  /** Kept as thrown, so the text follows a change of language. */
  error: unknown;
  /** Retrying can help (network trouble, server fault), so offer it. */
  retry: 'load' | 'submit' | null;
}

const TICK_MS = 250;

/**
 * Runs one test: shows its rules and facts from the course outline, asks
 * the server for a form only when the learner presses start (the server's
 * clock starts with the form), then shows the items one at a time with a
 * palette, flags and a review, counts the time down, submits (by the
 * learner or at zero) and shows the server's result and the next step.
 * When the server answers with a form that was already running (a reload,
 * another tab), the player goes straight to the items with the time left.
 * Answers and flags survive a reload of the same form (kept in
 * sessionStorage by form id); the deadline does too, so a reload never adds
 * time.
 *
 * Properties / attributes:
 * - `client` (property only): a {@link TestClient}, e.g. the runtime's AssessmentClient.
 * - `outline` (property only): the course outline; the intro's facts come
 *   from the test's spec in it, next steps name its materials.
 * - `testId` / `test-id`: "placement", "final" or "material:<id>".
 * - `attempt` / `attempt`: the number of the attempt about to start (default 1).
 * - `lang` / `lang`: "id" (default) or "en".
 *
 * Events (bubbling, composed):
 * - `smart-test-finished` (detail: ResultView): the server scored the form.
 * - `smart-next-step` (detail: NextStep): the learner chose the next step on the result screen.
 * - `smart-test-exit` (detail: {testId}): the learner went back to the course.
 *
 * CSS parts: `base`, `header`, `title`, `timer`, `intro`, `item`, `options`,
 * `flag`, `palette`, `review`, `confirm`, `result`, `score`, `decision`,
 * `next-step`, `error`.
 *
 * @element smart-cat-player
 */
export class SmartCatPlayer extends LitElement {
  static override styles = catPlayerStyles;

  static override properties = {
    client: { attribute: false },
    outline: { attribute: false },
    testId: { attribute: 'test-id' },
    attempt: { type: Number },
    lang: { reflect: true, converter: { fromAttribute: toLanguage } },
    screen: { state: true },
    form: { state: true },
    answerState: { state: true },
    resumed: { state: true },
    remaining: { state: true },
    result: { state: true },
    failure: { state: true },
    announcement: { state: true },
  };

  client: TestClient | null = null;
  outline: CourseOutline | null = null;
  testId = '';
  attempt = 1;
  override lang: Language = 'id';

  protected screen: Screen = 'intro';
  protected form: FormView | null = null;
  protected answerState: AnswerState = emptyState('');
  protected resumed = false;
  protected remaining = 0;
  private restoredAnswers = false;
  protected result: ResultView | null = null;
  protected failure: Failure | null = null;
  protected announcement = '';

  private loadToken = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;

  private get t(): CatStrings {
    return CAT_STRINGS[this.lang === 'en' ? 'en' : 'id'];
  }

  private get items(): FormItem[] {
    return this.form?.items ?? [];
  }

  /** The test as the course outline specifies it. */
  private get spec(): TestSpec | undefined {
    const outline = this.outline;
    if (outline === null) return undefined;
    return [outline.placement, ...outline.materials.map((material) => material.test), outline.final].find(
      (test) => test.id === this.testId,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTimer();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.form !== null && this.timerRuns()) this.startTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('testId') || changed.has('outline')) this.toIntro();
  }

  protected override firstUpdated(): void {
    void this.focusHeading();
  }

  /* ---------------------------------------------------------------- */
  /* Flow                                                              */
  /* ---------------------------------------------------------------- */

  /** Back to the intro of a test whose form has not been requested. */
  private toIntro(): void {
    this.loadToken += 1;
    this.stopTimer();
    this.form = null;
    this.result = null;
    this.resumed = false;
    if (this.outline !== null && this.testId !== '' && this.spec === undefined) {
      this.failure = {
        error: new Error(`the course outline has no test "${this.testId}"`),
        retry: null,
      };
      this.screen = 'error';
      return;
    }
    this.failure = null;
    this.screen = 'intro';
  }

  /** The learner pressed start: only now is the form, and with it the clock, started. */
  private async load(): Promise<void> {
    const token = ++this.loadToken;
    const client = this.client;
    if (client === null || this.screen === 'loading') return;
    this.screen = 'loading';
    this.failure = null;
    try {
      const requested = await client.requestForm(this.testId);
      if (token !== this.loadToken) return;
      this.receive(requested, Date.now());
    } catch (error) {
      if (token !== this.loadToken) return;
      this.fail(error, 'load');
    }
  }

  private receive({ form, resumed }: RequestedForm, receivedAt: number): void {
    const saved = readStorage(storageKey(form.formId));
    const restored = restoreState(saved, form.formId, form.items);
    const deadline = deadlineAtReceipt(form, receivedAt, restored.deadline);
    this.form = form;
    this.resumed = resumed || saved !== null;
    this.restoredAnswers = Object.keys(restored.answers).length > 0;
    this.answerState = { ...restored, deadline };
    this.persist();
    this.remaining = secondsLeft(deadline, Date.now());
    this.screen = 'item';
    this.startTimer();
    void this.focusHeading();
  }

  private async submit(): Promise<void> {
    const form = this.form;
    const client = this.client;
    if (form === null || client === null || this.screen === 'submitting' || this.screen === 'result') return;
    this.closeConfirm();
    this.screen = 'submitting';
    this.failure = null;
    try {
      const result = await client.submitAnswers(form.formId, submission(this.answerState));
      this.stopTimer();
      removeStorage(storageKey(form.formId));
      this.result = result;
      this.screen = 'result';
      void this.focusHeading();
      fireSmartEvent(this, 'smart-test-finished', result);
    } catch (error) {
      this.fail(error, 'submit');
    }
  }

  private fail(error: unknown, during: 'load' | 'submit'): void {
    // A refusal such as 410 (time limit passed) or 409 (rule) is final:
    // offer only the way back, not a retry that would be refused again.
    const retryable = isRetryable(error);
    this.failure = {
      error,
      retry: retryable ? during : null,
    };
    if (!retryable) {
      this.stopTimer();
      // The server closed this form for good; its saved answers are of no more use.
      if (during === 'submit' && this.form !== null) removeStorage(storageKey(this.form.formId));
    }
    this.screen = 'error';
    void this.focusHeading();
  }

  private retry(): void {
    if (this.failure?.retry === 'submit') void this.submit();
    else void this.load();
  }

  private change(next: AnswerState): void {
    this.answerState = next;
    this.persist();
  }

  private async show(screen: 'item' | 'review', index?: number): Promise<void> {
    if (index !== undefined) this.change(goTo(this.answerState, index, this.items.length));
    this.screen = screen;
    await this.focusHeading();
  }

  private persist(): void {
    if (this.form === null) return;
    writeStorage(storageKey(this.form.formId), JSON.stringify(this.answerState));
  }

  private async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-screen-heading]')?.focus();
  }

  /* ---------------------------------------------------------------- */
  /* Timer                                                             */
  /* ---------------------------------------------------------------- */

  private timerRuns(): boolean {
    return this.form !== null && (this.screen === 'item' || this.screen === 'review');
  }

  private startTimer(): void {
    this.stopTimer();
    this.ticker = setInterval(() => this.tick(), TICK_MS);
  }

  private stopTimer(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private tick(): void {
    const deadline = this.answerState.deadline;
    if (deadline === undefined || !this.timerRuns()) return;
    const before = this.remaining;
    this.remaining = secondsLeft(deadline, Date.now());
    const crossed = thresholdCrossed(before, this.remaining);
    if (crossed !== null) this.announcement = this.t.minutesLeft(crossed / 60);
    if (this.remaining === 0) {
      this.announcement = this.t.timeUp;
      void this.submit();
    }
  }

  private closeConfirm(): void {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
    if (dialog?.open) dialog.close();
  }

  private openConfirm(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal();
  }

  /* ---------------------------------------------------------------- */
  /* Rendering                                                         */
  /* ---------------------------------------------------------------- */

  protected override render(): TemplateResult {
    const known = this.form?.title ?? this.spec?.title;
    const title = known === undefined ? '' : localize(known, this.lang);
    return html`
      <section part="base" class="frame">
        <header part="header">
          <h1 part="title">${title}</h1>
          ${this.form !== null && this.screen !== 'result' ? this.renderTimer() : nothing}
        </header>
        <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
        <div class="body">${this.renderScreen()}</div>
      </section>
    `;
  }

  private renderTimer(): TemplateResult {
    const clock = formatClock(this.remaining);
    return html`
      <p part="timer" class="timer ${this.remaining <= 60 ? 'low' : ''}" role="timer" data-timer>
        <span class="label">${this.t.timeLeft}</span>
        <span class="clock">${clock}</span>
      </p>
    `;
  }

  private renderScreen(): TemplateResult {
    switch (this.screen) {
      case 'loading':
        return html`<p role="status">${this.t.loading}</p>`;
      case 'submitting':
        return html`<p role="status" data-screen-heading tabindex="-1">${this.t.submitting}</p>`;
      case 'intro':
        return this.renderIntro();
      case 'item':
        return this.renderItemScreen();
      case 'review':
        return this.renderReview();
      case 'result':
        return this.renderResult();
      case 'error':
        return this.renderError();
    }
  }

  /** What the learner reads before the form exists: everything comes from the outline. */
  private renderIntro(): TemplateResult {
    const spec = this.spec;
    const t = this.t;
    if (spec === undefined) return html`<p role="status">${t.loading}</p>`;
    const itemCount = spec.blueprint.reduce((sum, cell) => sum + cell.count, 0);
    return html`
      <div part="intro" data-screen="intro">
        <h2 data-screen-heading tabindex="-1">${t.attempt(this.attempt)}</h2>
        <dl class="facts">
          <div><dt>${t.itemCount}</dt><dd data-fact="items">${itemCount}</dd></div>
          <div><dt>${t.timeLimit}</dt><dd data-fact="time">${t.duration(Math.round(spec.timeLimitMinutes * 60))}</dd></div>
          <div><dt>${t.passMark}</dt><dd data-fact="pass-mark">${spec.passMark}</dd></div>
        </dl>
        <h3>${t.rulesHeading}</h3>
        <ul>
          ${t.rules(spec.kind, spec.passMark).map((rule) => html`<li>${rule}</li>`)}
        </ul>
        <div class="row apart">
          <button data-action="exit" @click=${() => this.exit()}>${t.backToCourse}</button>
          <button class="primary" data-action="start" ?disabled=${this.client === null} @click=${() => this.load()}>
            ${t.start}
          </button>
        </div>
      </div>
    `;
  }

  private renderItemScreen(): TemplateResult {
    const items = this.items;
    const index = this.answerState.current;
    const item = items[index]!;
    const t = this.t;
    return html`
      ${this.resumed
        ? html`<p class="notice" role="status" data-resumed>${t.resumedNotice(this.restoredAnswers)}</p>`
        : nothing}
      <div class="layout">
        ${keyed(item.id, this.renderItem(item, index))}
        <nav part="palette" class="palette" aria-labelledby="palette-heading">
          <h2 id="palette-heading">${t.paletteLabel}</h2>
          <ol>
            ${items.map((it, i) => this.renderPaletteButton(it, i))}
          </ol>
          <ul class="key" aria-hidden="true">
            <li><span class="answered"></span>${t.keyAnswered}</li>
            <li><span class="flagged"></span>${t.keyFlagged}</li>
            <li><span class="current"></span>${t.keyCurrent}</li>
          </ul>
          <button data-action="review" @click=${() => this.show('review')}>${t.review}</button>
        </nav>
      </div>
    `;
  }

  private renderItem(item: FormItem, index: number): TemplateResult {
    const t = this.t;
    const total = this.items.length;
    const multiple = item.type === 'multiple';
    const chosen = this.answerState.answers[item.id] ?? [];
    const flagged = isFlagged(this.answerState, item.id);
    const hintId = `hint-${index}`;
    return html`
      <article part="item" class="item" data-item-id=${item.id} aria-labelledby="item-heading">
        <h2 id="item-heading" data-screen-heading tabindex="-1">${t.itemHeading(index + 1, total)}</h2>
        <fieldset part="options" aria-describedby=${hintId}>
          <legend>${localize(item.stem, this.lang)}</legend>
          <p class="hint" id=${hintId}>${t.legend(item.type)}</p>
          ${item.options.map(
            (option) => html`
              <label class="option">
                <input
                  type=${multiple ? 'checkbox' : 'radio'}
                  name=${`item-${item.id}`}
                  value=${option.id}
                  data-item-id=${item.id}
                  data-option-id=${option.id}
                  .checked=${chosen.includes(option.id)}
                  @change=${(e: Event) =>
                    this.change(choose(this.answerState, item, option.id, (e.target as HTMLInputElement).checked))}
                />
                <span>${localize(option.text, this.lang)}</span>
              </label>
            `,
          )}
        </fieldset>
        <button
          part="flag"
          class="flag"
          data-action="flag"
          aria-pressed=${flagged ? 'true' : 'false'}
          @click=${() => this.change(toggleFlag(this.answerState, item.id))}
        >
          ${t.flag}
        </button>
        <div class="row apart">
          <button data-action="previous" ?disabled=${index === 0} @click=${() => this.show('item', index - 1)}>
            ${t.previous}
          </button>
          ${index === total - 1
            ? html`<button class="primary" data-action="review" @click=${() => this.show('review')}>
                ${t.review}
              </button>`
            : html`<button class="primary" data-action="next" @click=${() => this.show('item', index + 1)}>
                ${t.next}
              </button>`}
        </div>
      </article>
    `;
  }

  private renderPaletteButton(item: FormItem, index: number): TemplateResult {
    const answered = isAnswered(this.answerState, item.id);
    const flagged = isFlagged(this.answerState, item.id);
    const current = this.screen === 'item' && index === this.answerState.current;
    const classes = [answered ? 'answered' : '', flagged ? 'flagged' : ''].join(' ');
    return html`
      <li>
        <button
          class=${classes}
          data-palette-index=${index}
          aria-label=${this.t.paletteItem(index + 1, answered, flagged)}
          aria-current=${current ? 'step' : 'false'}
          @click=${() => this.show('item', index)}
        >
          ${index + 1}
        </button>
      </li>
    `;
  }

  private renderReview(): TemplateResult {
    const t = this.t;
    const items = this.items;
    const unanswered = unansweredIndexes(this.answerState, items);
    const flagged = flaggedIndexes(this.answerState, items);
    const jumpList = (indexes: number[], kind: string) =>
      indexes.length === 0
        ? html`<p data-review-list=${kind}>${t.none}</p>`
        : html`<ul class="jumps" data-review-list=${kind}>
            ${indexes.map(
              (i) => html`<li>
                <button class="link" data-jump=${i} @click=${() => this.show('item', i)}>${t.jumpTo(i + 1)}</button>
              </li>`,
            )}
          </ul>`;
    return html`
      <section part="review" data-screen="review">
        <h2 data-screen-heading tabindex="-1">${t.reviewHeading}</h2>
        <p>${t.reviewSummary(items.length - unanswered.length, items.length)}</p>
        <h3>${t.unansweredHeading}</h3>
        ${jumpList(unanswered, 'unanswered')}
        <h3>${t.flaggedHeading}</h3>
        ${jumpList(flagged, 'flagged')}
        <div class="row apart">
          <button data-action="back-to-items" @click=${() => this.show('item')}>${t.backToItems}</button>
          <button class="primary" data-action="submit" @click=${() => this.openConfirm()}>${t.submit}</button>
        </div>
      </section>
      ${this.renderConfirm()}
    `;
  }

  private renderConfirm(): TemplateResult {
    const t = this.t;
    const unanswered = unansweredIndexes(this.answerState, this.items).length;
    return html`
      <dialog part="confirm" aria-labelledby="confirm-heading" aria-describedby="confirm-body">
        <h2 id="confirm-heading">${t.confirmHeading}</h2>
        <p id="confirm-body" data-unanswered=${unanswered}>${t.confirmBody(unanswered)}</p>
        <div class="row apart">
          <button data-action="cancel" @click=${() => this.closeConfirm()}>${t.cancel}</button>
          <button class="primary" data-action="confirm-submit" @click=${() => this.submit()}>
            ${t.confirmSubmit}
          </button>
        </div>
      </dialog>
    `;
  }

  private renderResult(): TemplateResult {
    const result = this.result!;
    const t = this.t;
    const good = result.decision === 'passed' || result.decision === 'waived' || result.decision === 'competent';
    const next = result.status.next;
    return html`
      <section part="result" data-screen="result">
        <h2 data-screen-heading tabindex="-1">${t.resultHeading}</h2>
        <div class="score-card">
          <div part="score">
            <span class="label">${t.score}</span>
            <span class="value" data-score>${formatScore(result.score, this.lang)}</span>
          </div>
          <div>
            <span class="label">${t.passMark}</span>
            <span class="value" data-pass-mark>${result.passMark}</span>
          </div>
          <div>
            <span class="label">${t.correctLabel}</span>
            <span class="value" data-correct>${result.correct} / ${result.total}</span>
          </div>
        </div>
        <p
          part="decision"
          class="verdict ${good ? 'good' : 'bad'}"
          data-decision=${result.decision}
          data-outcome=${result.outcome}
        >
          ${t.decision[result.decision]}
        </p>
        <h3>${t.nextHeading}</h3>
        <p data-next-step=${next?.kind ?? 'none'}>${next === null ? t.noNext : this.nextStepText(next)}</p>
        <div class="row">
          ${next === null
            ? nothing
            : html`<button
                part="next-step"
                class="primary"
                data-action="next-step"
                @click=${() => fireSmartEvent(this, 'smart-next-step', next)}
              >
                ${t.nextButton[next.kind]}
              </button>`}
          <button data-action="exit" @click=${() => this.exit()}>${t.backToCourse}</button>
        </div>
      </section>
    `;
  }

  private nextStepText(next: NextStep): string {
    return describeNextStep(next, this.outline, this.lang, this.t.nextStep);
  }

  private renderError(): TemplateResult {
    const t = this.t;
    const failure = this.failure!;
    return html`
      <div part="error" class="error" role="alert">
        <h2 data-screen-heading tabindex="-1">${t.errorHeading}</h2>
        <p data-error>${errorText(failure.error, this.lang, { unexpected: t.unexpectedError })}</p>
        ${failure.retry === 'submit' ? html`<p>${t.answersKept}</p>` : nothing}
      </div>
      <div class="row apart">
        <button data-action="exit" @click=${() => this.exit()}>${t.backToCourse}</button>
        ${failure.retry === null
          ? nothing
          : html`<button class="primary" data-action="retry" @click=${() => this.retry()}>${t.retry}</button>`}
      </div>
    `;
  }

  private exit(): void {
    this.stopTimer();
    fireSmartEvent(this, 'smart-test-exit', { testId: this.testId });
  }
}

// Storage can be missing or refuse writes (private mode, sandboxed frames,
// full quota); the test still runs, only a reload would lose the answers.
function readStorage(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // See above: keeping answers in memory only is the best left to do.
  }
}

function removeStorage(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // See above.
  }
}

import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { localize, type Language } from '@smart-training/core';
import {
  AdminClient,
  AssessmentApiError,
  type CourseListing,
  type Credential,
  type LearnerRow,
  type OfferingSummary,
  type StatusView,
} from '@smart-training/runtime';
import { errorText } from '../i18n';
import { CONSOLE_STRINGS, type ConsoleStrings } from './console-strings';
import { consoleStyles } from './console.styles';
import type { SmartLearnerDetail } from './learner-detail';
import type { SmartLearnersTable } from './learners-table';
import type { SmartConsoleLogin } from './console-login';

declare global {
  interface HTMLElementTagNameMap {
    'smart-console': SmartConsole;
  }
}

/** The zone shown until the course's outline names the offering's. */
const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Where the admin credential is kept: this tab only, gone when it closes. */
const CREDENTIAL_KEY = 'smart-console:credential';

/**
 * The evaluator console: sign in with an LRS admin credential, pick a
 * course, and read its offering summary, its learners and each learner's
 * attempts. Needs the child elements registered (see `console-app.ts`).
 *
 * Attributes: `endpoint` (the LRS base URL; the page's origin when empty),
 * `lang` (`id` by default, `en`).
 *
 * CSS custom properties: `--smart-accent`, `--smart-ink`, `--smart-line`,
 * `--smart-focus` and the others of the console styles.
 *
 * @element smart-console
 */
export class SmartConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      :host {
        max-width: 72rem;
        margin: 0 auto;
        padding: 1rem 1.5rem 3rem;
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 1rem;
        flex-wrap: wrap;
        border-bottom: 1px solid var(--smart-line);
        padding-bottom: 0.75rem;
        margin-bottom: 1rem;
      }
      .toolbar {
        display: flex;
        gap: 0.75rem;
        align-items: end;
        flex-wrap: wrap;
        margin-bottom: 1rem;
      }
      label {
        display: block;
        font-weight: 600;
      }
      select {
        font: inherit;
        padding: 0.35rem;
        min-width: 18rem;
      }
      smart-learner-detail {
        border-top: 2px solid var(--smart-accent);
        padding-top: 1rem;
      }
    `,
  ];

  static override properties = {
    endpoint: {},
    lang: { reflect: true },
    client: { state: true },
    courses: { state: true },
    courseId: { state: true },
    summary: { state: true },
    learners: { state: true },
    detail: { state: true },
    timeZone: { state: true },
    busy: { state: true },
    failure: { state: true },
    loginFailure: { state: true },
  };

  endpoint = '';
  override lang: Language = 'id';
  private client: AdminClient | null = null;
  private courses: CourseListing[] = [];
  private courseId = '';
  private summary: OfferingSummary | null = null;
  private learners: LearnerRow[] = [];
  private detail: StatusView | null = null;
  /** The offering's IANA zone: the console shows every instant as the course announces it. */
  private timeZone = BROWSER_TIME_ZONE;
  private busy = false;
  private failure: unknown = null;
  private loginFailure: unknown = null;
  /** Bumped on every load; answers to an older load are dropped. */
  private generation = 0;

  private get language(): Language {
    return this.lang === 'en' ? 'en' : 'id';
  }

  private get t(): ConsoleStrings {
    return CONSOLE_STRINGS[this.language];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = readCredential();
    if (saved && !this.client) void this.signIn(saved);
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`
      <header>
        <h1>${t.title}</h1>
        <div>
          <button type="button" lang=${t.switchLanguageLang} @click=${this.toggleLanguage}>${t.switchLanguage}</button>
          ${this.client ? html`<button type="button" @click=${this.signOut}>${t.logout}</button>` : nothing}
        </div>
      </header>
      <main aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.client ? this.renderCourse(t) : this.renderLogin()}
      </main>
    `;
  }

  private renderLogin(): TemplateResult {
    return html`<smart-console-login
      lang=${this.language}
      .busy=${this.busy}
      .error=${this.loginFailure ? this.describe(this.loginFailure) : ''}
      @smart-console-login=${(event: CustomEvent<Credential>) => void this.signIn(event.detail)}
    ></smart-console-login>`;
  }

  private renderCourse(t: ConsoleStrings): TemplateResult {
    return html`
      <div class="toolbar">
        <div>
          <label for="course">${t.course}</label>
          <select id="course" .value=${this.courseId} @change=${this.onCourseChange} ?disabled=${this.courses.length === 0}>
            ${this.courses.map(
              (course) => html`<option value=${course.id} ?selected=${course.id === this.courseId}>
                ${localize(course.title, this.language)} (${course.id}, v${course.version})
              </option>`,
            )}
          </select>
        </div>
        <button type="button" @click=${() => void this.loadCourse()} ?disabled=${this.busy || !this.courseId}>
          ${t.refresh}
        </button>
        ${this.busy ? html`<span role="status">${t.loading}</span>` : nothing}
      </div>
      <p role="alert" class="error">${this.failure ? this.describe(this.failure) : nothing}</p>
      ${this.courses.length === 0 && !this.busy ? html`<p class="muted">${t.noCourses}</p>` : nothing}
      <smart-offering-summary lang=${this.language} .summary=${this.summary}></smart-offering-summary>
      ${this.summary
        ? html`<section aria-labelledby="learners-heading">
            <h2 id="learners-heading">${t.learnersHeading}</h2>
            <smart-learners-table
              lang=${this.language}
              .learners=${this.learners}
              .timeZone=${this.timeZone}
              @smart-console-learner-select=${(event: CustomEvent<{ nip: string }>) => void this.openLearner(event.detail.nip)}
            ></smart-learners-table>
          </section>`
        : nothing}
      ${this.detail
        ? html`<smart-learner-detail
            lang=${this.language}
            .status=${this.detail}
            .timeZone=${this.timeZone}
            @smart-console-learner-close=${this.closeLearner}
          ></smart-learner-detail>`
        : nothing}
    `;
  }

  private describe(error: unknown): string {
    const text = errorText(error, this.language, { unexpected: this.t.unexpected });
    return error instanceof AssessmentApiError ? `${text} (${error.code})` : text;
  }

  private toggleLanguage(): void {
    this.lang = this.language === 'id' ? 'en' : 'id';
  }

  private async signIn(credential: Credential): Promise<void> {
    const client = new AdminClient(this.endpoint || location.origin, credential);
    this.busy = true;
    this.loginFailure = null;
    try {
      const courses = await client.courses();
      writeCredential(credential);
      this.client = client;
      this.courses = courses;
      this.courseId = courses.some((course) => course.id === this.courseId) ? this.courseId : (courses[0]?.id ?? '');
    } catch (error) {
      clearCredential();
      this.loginFailure = error;
      this.busy = false;
      await this.updateComplete;
      this.renderRoot.querySelector<SmartConsoleLogin>('smart-console-login')?.focus();
      return;
    }
    this.busy = false;
    if (this.courseId) await this.loadCourse();
  }

  private signOut(): void {
    clearCredential();
    this.generation += 1;
    this.client = null;
    this.courses = [];
    this.summary = null;
    this.learners = [];
    this.detail = null;
    this.timeZone = BROWSER_TIME_ZONE;
    this.failure = null;
  }

  private onCourseChange(event: Event): void {
    this.courseId = (event.target as HTMLSelectElement).value;
    this.detail = null;
    void this.loadCourse();
  }

  /** Loads (or reloads) the course's summary and learners, and the open learner. */
  private async loadCourse(): Promise<void> {
    const client = this.client;
    if (!client || !this.courseId) return;
    const generation = ++this.generation;
    const courseId = this.courseId;
    const openNip = this.detail?.nip;
    this.busy = true;
    this.failure = null;
    try {
      const [outline, summary, learners, detail] = await Promise.all([
        client.courseOutline(courseId),
        client.offeringSummary(courseId),
        client.learners(courseId),
        openNip ? client.learnerStatus(openNip, courseId) : Promise.resolve(null),
      ]);
      if (generation !== this.generation) return;
      this.timeZone = outline.offering.timeZone;
      this.summary = summary;
      this.learners = learners;
      this.detail = detail;
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    } finally {
      if (generation === this.generation) this.busy = false;
    }
  }

  private async openLearner(nip: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = ++this.generation;
    this.busy = true;
    this.failure = null;
    try {
      const detail = await client.learnerStatus(nip, this.courseId);
      if (generation !== this.generation) return;
      this.detail = detail;
      await this.updateComplete;
      const element = this.renderRoot.querySelector<SmartLearnerDetail>('smart-learner-detail');
      await element?.updateComplete;
      element?.focus();
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    } finally {
      if (generation === this.generation) this.busy = false;
    }
  }

  private async closeLearner(event: CustomEvent<{ nip: string }>): Promise<void> {
    this.detail = null;
    await this.updateComplete;
    this.renderRoot.querySelector<SmartLearnersTable>('smart-learners-table')?.focusLearner(event.detail.nip);
  }

  /** A refused credential sends the evaluator back to sign in; anything else is shown in place. */
  private fail(error: unknown): void {
    if (error instanceof AssessmentApiError && error.status === 401) {
      this.signOut();
      this.loginFailure = error;
      return;
    }
    this.failure = error;
  }
}

function readCredential(): Credential | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(CREDENTIAL_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { key, secret } = value as Record<string, unknown>;
    return typeof key === 'string' && typeof secret === 'string' ? { key, secret } : null;
  } catch {
    return null;
  }
}

function writeCredential(credential: Credential): void {
  try {
    sessionStorage.setItem(CREDENTIAL_KEY, JSON.stringify(credential));
  } catch {
    // Storage off: the console works, but a reload asks to sign in again.
  }
}

function clearCredential(): void {
  try {
    sessionStorage.removeItem(CREDENTIAL_KEY);
  } catch {
    // Nothing stored when storage is off.
  }
}

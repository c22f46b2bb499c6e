import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { localize, type Language } from '@smart-training/core';
import type { StatusView, TestStatusView } from '@smart-training/runtime';
import { fireSmartEvent } from '../events';
import { LOCALES, formatDate, formatDateTime, formatScore } from '../i18n';
import { CONSOLE_STRINGS } from './console-strings';
import { consoleStyles } from './console.styles';

/** Detail of `smart-console-learner-close`. */
export interface LearnerCloseDetail {
  nip: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'smart-learner-detail': SmartLearnerDetail;
  }
  interface HTMLElementEventMap {
    /** The evaluator closed a learner's details. */
    'smart-console-learner-close': CustomEvent<LearnerCloseDetail>;
  }
}

/**
 * One learner's standing in a course: status, JP, certificate, the tests
 * with attempts and best scores, and every scored attempt.
 *
 * Properties: `status` (a {@link StatusView}), `timeZone`, `lang`.
 *
 * Events: `smart-console-learner-close` ({nip}).
 *
 * @element smart-learner-detail
 */
export class SmartLearnerDetail extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      header {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 1rem;
        flex-wrap: wrap;
      }
    `,
  ];

  static override properties = {
    status: { attribute: false },
    timeZone: { attribute: 'time-zone' },
    lang: { reflect: true },
  };

  status: StatusView | null = null;
  /** IANA zone of the dates shown: the offering's, as the console passes it; the browser's by default. */
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  override lang: Language = 'id';

  /** Moves focus to the heading, so a screen reader announces the details. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  protected override render(): TemplateResult | typeof nothing {
    const status = this.status;
    if (!status) return nothing;
    const lang: Language = this.lang === 'en' ? 'en' : 'id';
    const t = CONSOLE_STRINGS[lang];
    const number = new Intl.NumberFormat(LOCALES[lang]);
    const titles = new Map(status.tests.map((test) => [test.testId, localize(test.title, lang)]));
    return html`<section aria-labelledby="detail-heading">
      <header>
        <h2 id="detail-heading" tabindex="-1">${t.detailHeading(status.name)}</h2>
        <button type="button" @click=${() => fireSmartEvent(this, 'smart-console-learner-close', { nip: status.nip })}>
          ${t.close}
        </button>
      </header>
      <p>
        ${t.nip}: ${status.nip} · ${t.status}: <strong data-status=${status.status}>${t.statuses[status.status] ?? status.status}</strong>
        · ${t.jp}: ${number.format(status.jpCredited)}
      </p>
      <p>
        ${status.certificate
          ? t.certificate(status.certificate.number, formatDate(status.certificate.issuedAt, lang, this.timeZone))
          : t.noCertificate}
      </p>
      <table>
        <caption>${t.testsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.test}</th>
            <th scope="col" class="number">${t.passMark}</th>
            <th scope="col" class="number">${t.attempts}</th>
            <th scope="col" class="number">${t.bestScore}</th>
            <th scope="col">${t.passed}</th>
          </tr>
        </thead>
        <tbody>
          ${status.tests.map(
            (test) => html`<tr>
              <th scope="row">${testLabel(test, lang)}</th>
              <td class="number">${formatScore(test.passMark, lang)}</td>
              <td class="number">${number.format(test.attempts)}</td>
              <td class="number">${test.bestScore === null ? t.none : formatScore(test.bestScore, lang)}</td>
              <td data-passed=${test.testId}>${passedText(test, lang)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${status.attempts.length === 0
        ? html`<p class="muted">${t.noAttempts}</p>`
        : html`<table>
            <caption>${t.attemptsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">${t.test}</th>
                <th scope="col" class="number">${t.attempt}</th>
                <th scope="col" class="number">${t.score}</th>
                <th scope="col">${t.outcome}</th>
                <th scope="col">${t.at}</th>
              </tr>
            </thead>
            <tbody>
              ${status.attempts.map(
                (attempt) => html`<tr data-test=${attempt.testId}>
                  <th scope="row">${titles.get(attempt.testId) ?? attempt.testId}</th>
                  <td class="number">${attempt.attempt}</td>
                  <td class="number">${formatScore(attempt.score, lang)}</td>
                  <td>${t.outcomes[attempt.outcome]}</td>
                  <td>${formatDateTime(attempt.at, this.timeZone, lang)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;
  }
}

/**
 * A test's row label. Placement and final titles already say what kind of
 * test they are; a material test is named after its material, so its kind
 * is added.
 */
function testLabel(test: TestStatusView, lang: Language): TemplateResult {
  const title = localize(test.title, lang);
  if (test.kind !== 'material') return html`${title}`;
  return html`${title} <span class="muted">(${CONSOLE_STRINGS[lang].materialTest})</span>`;
}

/** A failed placement is final (one attempt) and sends the learner to the training, not "not yet". */
function passedText(test: TestStatusView, lang: Language): string {
  const t = CONSOLE_STRINGS[lang];
  if (test.passed) return t.yes;
  if (test.kind === 'placement' && test.attempts > 0) return t.placementFailed;
  return t.no;
}

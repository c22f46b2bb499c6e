import { LitElement, html, type TemplateResult } from 'lit';
import type { Language } from '@smart-training/core';
import type { LearnerRow } from '@smart-training/runtime';
import { fireSmartEvent } from '../events';
import { LOCALES, formatDateTime } from '../i18n';
import { CONSOLE_STRINGS } from './console-strings';
import { consoleStyles } from './console.styles';

/** Detail of `smart-console-learner-select`. */
export interface LearnerSelectDetail {
  nip: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'smart-learners-table': SmartLearnersTable;
  }
  interface HTMLElementEventMap {
    /** The evaluator asked for one learner's details. */
    'smart-console-learner-select': CustomEvent<LearnerSelectDetail>;
  }
}

/**
 * The learners of an offering: NIP, name, unit, competency status, JP
 * credited, attempts and last activity, with a details button per row.
 *
 * Properties: `learners` ({@link LearnerRow}[]), `timeZone` (IANA zone for
 * the last activity; the browser's by default), `lang`.
 *
 * Events: `smart-console-learner-select` ({nip}).
 *
 * @element smart-learners-table
 */
export class SmartLearnersTable extends LitElement {
  static override styles = consoleStyles;

  static override properties = {
    learners: { attribute: false },
    timeZone: { attribute: 'time-zone' },
    lang: { reflect: true },
  };

  learners: LearnerRow[] = [];
  /** IANA zone of the dates shown: the offering's, as the console passes it; the browser's by default. */
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  override lang: Language = 'id';

  /** Moves focus to the details button of `nip`, e.g. when its details close. */
  focusLearner(nip: string): void {
    this.renderRoot.querySelector<HTMLButtonElement>(`button[data-nip="${CSS.escape(nip)}"]`)?.focus();
  }

  protected override render(): TemplateResult {
    const lang: Language = this.lang === 'en' ? 'en' : 'id';
    const t = CONSOLE_STRINGS[lang];
    if (this.learners.length === 0) return html`<p class="muted">${t.noLearners}</p>`;
    const number = new Intl.NumberFormat(LOCALES[lang]);
    return html`<table>
      <caption>${t.learnersCaption}</caption>
      <thead>
        <tr>
          <th scope="col">${t.nip}</th>
          <th scope="col">${t.name}</th>
          <th scope="col">${t.unit}</th>
          <th scope="col">${t.status}</th>
          <th scope="col" class="number">${t.jp}</th>
          <th scope="col" class="number">${t.attempts}</th>
          <th scope="col">${t.lastActivity}</th>
          <th scope="col"><span class="visually-hidden">${t.show}</span></th>
        </tr>
      </thead>
      <tbody>
        ${this.learners.map(
          (learner) => html`<tr data-nip=${learner.nip}>
            <td>${learner.nip}</td>
            <th scope="row">${learner.name}</th>
            <td>${learner.unit}</td>
            <td>${t.statuses[learner.status] ?? learner.status}</td>
            <td class="number">${number.format(learner.jpCredited)}</td>
            <td class="number">${number.format(learner.attempts.length)}</td>
            <td>${formatDateTime(learner.lastActivityAt, this.timeZone, lang)}</td>
            <td>
              <button
                type="button"
                data-nip=${learner.nip}
                aria-label=${t.showLearner(learner.name)}
                @click=${() => fireSmartEvent(this, 'smart-console-learner-select', { nip: learner.nip })}
              >
                ${t.show}
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

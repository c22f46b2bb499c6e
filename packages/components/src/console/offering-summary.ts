import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { localize, type Language } from '@smart-training/core';
import type { OfferingSummary } from '@smart-training/runtime';
import { LOCALES } from '../i18n';
import { CONSOLE_STRINGS, type ConsoleStrings } from './console-strings';
import { consoleStyles } from './console.styles';

declare global {
  interface HTMLElementTagNameMap {
    'smart-offering-summary': SmartOfferingSummary;
  }
}

const COUNTS: readonly (keyof ConsoleStrings['counts'])[] = [
  'enrolled',
  'placementTaken',
  'waivedByPlacement',
  'inTraining',
  'competent',
  'notYetCompetent',
  'remedialRetakes',
];

/**
 * An offering's counts as cards, and a table of test results per material.
 *
 * Properties: `summary` (an {@link OfferingSummary}), `lang`.
 *
 * CSS parts: `counts`, `materials`.
 *
 * @element smart-offering-summary
 */
export class SmartOfferingSummary extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.75rem;
        margin: 0.5rem 0 1.5rem;
      }
      dl > div {
        border: 1px solid var(--smart-line);
        border-radius: 8px;
        padding: 0.75rem;
        background: var(--smart-subtle);
      }
      dt {
        font-size: 0.9rem;
        color: var(--smart-muted);
      }
      dd {
        margin: 0.25rem 0 0;
        font-size: 1.6rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  static override properties = {
    summary: { attribute: false },
    lang: { reflect: true },
  };

  summary: OfferingSummary | null = null;
  override lang: Language = 'id';

  protected override render(): TemplateResult | typeof nothing {
    const summary = this.summary;
    if (!summary) return nothing;
    const lang: Language = this.lang === 'en' ? 'en' : 'id';
    const t = CONSOLE_STRINGS[lang];
    const number = new Intl.NumberFormat(LOCALES[lang]);
    return html`<section aria-labelledby="summary-heading">
      <h2 id="summary-heading">${t.summaryHeading}</h2>
      <dl part="counts">
        ${COUNTS.map(
          (count) => html`<div>
            <dt>${t.counts[count]}</dt>
            <dd data-count=${count}>${number.format(summary[count])}</dd>
          </div>`,
        )}
      </dl>
      <table part="materials">
        <caption>${t.materialsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.material}</th>
            <th scope="col" class="number">${t.passed}</th>
            <th scope="col" class="number">${t.attempts}</th>
            <th scope="col" class="number">${t.remedialRetakes}</th>
          </tr>
        </thead>
        <tbody>
          ${summary.materials.map(
            (material) => html`<tr>
              <th scope="row">${localize(material.title, lang)}</th>
              <td class="number">${number.format(material.passed)}</td>
              <td class="number">${number.format(material.attempts)}</td>
              <td class="number">${number.format(material.remedialRetakes)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}

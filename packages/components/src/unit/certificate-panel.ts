import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { localize, type Language, type LocalizedText } from '@smart-training/core';
import type { CertificateView } from '@smart-training/runtime';
import { formatDate, toLanguage } from '../i18n';
import { UNIT_STRINGS, type UnitStrings } from './strings';
import { unitStyles } from './unit.styles';

declare global {
  interface HTMLElementTagNameMap {
    'smart-certificate-panel': SmartCertificatePanel;
  }
}

/**
 * The learner's certificate (STTPL) once the LRS issued it: number, date,
 * why it was issued (placement pass or final competency test) and the
 * lesson hours (JP) credited, with a button that prints it. The unit's
 * print styles leave the certificate alone on the page when it prints.
 *
 * Properties: `certificate` (CertificateView | null), `courseTitle`
 * (LocalizedText), `learnerName`, `nip`, `jp` (JP credited), `timeZone`
 * (the offering's, for the issue date), `lang` ("id" | "en").
 *
 * CSS parts: `certificate`, `number`, `print`.
 *
 * @element smart-certificate-panel
 */
export class SmartCertificatePanel extends LitElement {
  static override styles = [
    unitStyles,
    css`
      .certificate {
        border-top: 6px solid var(--smart-ok);
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.4rem 1.25rem;
        margin: 0;
      }
      dt {
        color: var(--smart-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      @media print {
        .certificate {
          border: 0;
          border-top: 6px solid var(--smart-ok);
          break-inside: avoid;
        }
        button {
          display: none;
        }
      }
    `,
  ];

  static override properties = {
    certificate: { attribute: false },
    courseTitle: { attribute: false },
    learnerName: { attribute: 'learner-name' },
    nip: {},
    jp: { type: Number },
    timeZone: { attribute: 'time-zone' },
    lang: { reflect: true, converter: { fromAttribute: toLanguage } },
  };

  certificate: CertificateView | null = null;
  courseTitle: LocalizedText = { id: '' };
  learnerName = '';
  nip = '';
  jp = 0;
  timeZone: string | undefined = undefined;
  override lang: Language = 'id';

  private get t(): UnitStrings {
    return UNIT_STRINGS[this.lang === 'en' ? 'en' : 'id'];
  }

  /** Moves focus to the panel's heading, e.g. when the learner asked to see it. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  protected override render(): TemplateResult | typeof nothing {
    const certificate = this.certificate;
    if (certificate === null) return nothing;
    const t = this.t;
    return html`
      <section part="certificate" class="card certificate" aria-labelledby="certificate-heading">
        <h2 id="certificate-heading" tabindex="-1">${t.certificateHeading}</h2>
        <p>
          <strong>${this.learnerName}</strong>${this.nip === '' ? nothing : html` · NIP ${this.nip}`}<br />
          ${localize(this.courseTitle, this.lang)}
        </p>
        <dl>
          <dt>${t.certificateNumber}</dt>
          <dd part="number" data-certificate-number>${certificate.number}</dd>
          <dt>${t.certificateIssued}</dt>
          <dd>${formatDate(certificate.issuedAt, this.lang, this.timeZone)}</dd>
          <dt>${t.certificateJp}</dt>
          <dd data-certificate-jp>${t.jp(this.jp)}</dd>
        </dl>
        <p class="muted">${t.certificateBasis[certificate.basis]}</p>
        <button part="print" data-action="print-certificate" @click=${() => window.print()}>
          ${t.printCertificate}
        </button>
      </section>
    `;
  }
}

import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { InvalidNipError, localize, parseNip, type Language } from '@smart-training/core';
import { fireSmartEvent } from '../events';
import { toLanguage } from '../i18n';
import { UNIT_STRINGS, type UnitStrings } from './strings';
import { unitStyles } from './unit.styles';

/** Detail of `smart-nip-submit`. */
export interface NipSubmitDetail {
  nip: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'smart-nip-form': SmartNipForm;
  }
  interface HTMLElementEventMap {
    'smart-nip-submit': CustomEvent<NipSubmitDetail>;
  }
}

/**
 * Asks a learner who launched the unit outside an LMS for their NIP. The
 * NIP's shape is checked here (so a typo is named at once); whether it is
 * registered is the LRS's answer, which the unit passes back as `error`.
 *
 * Properties: `error` (text to show under the field, e.g. the LRS's
 * "unknown NIP"), `busy` (the NIP is being checked), `lang`.
 *
 * Events: `smart-nip-submit` ({nip}) with a well-formed NIP.
 *
 * CSS parts: `form`, `input`, `error`.
 *
 * @element smart-nip-form
 */
export class SmartNipForm extends LitElement {
  static override styles = [
    unitStyles,
    css`
      form {
        max-width: 30rem;
      }
      label {
        display: block;
        font-weight: 600;
      }
      input {
        box-sizing: border-box;
        width: 100%;
        margin: 0.25rem 0 0.5rem;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--smart-muted);
        border-radius: 6px;
        font: inherit;
        letter-spacing: 0.05em;
      }
      input[aria-invalid='true'] {
        border-color: var(--smart-bad);
      }
    `,
  ];

  static override properties = {
    error: {},
    busy: { type: Boolean },
    lang: { reflect: true, converter: { fromAttribute: toLanguage } },
    invalid: { state: true },
  };

  error = '';
  busy = false;
  override lang: Language = 'id';
  protected invalid: InvalidNipError | null = null;

  private get t(): UnitStrings {
    return UNIT_STRINGS[this.lang === 'en' ? 'en' : 'id'];
  }

  override focus(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const message =
      this.invalid === null ? this.error : localize({ id: this.invalid.messageId, en: this.invalid.message }, this.lang);
    return html`
      <form part="form" class="card" @submit=${this.onSubmit} novalidate>
        <h2>${t.nipHeading}</h2>
        <p>${t.nipIntro}</p>
        <label for="nip">${t.nipLabel}</label>
        <span class="muted" id="nip-hint">${t.nipHint}</span>
        <input
          part="input"
          id="nip"
          name="nip"
          inputmode="numeric"
          autocomplete="off"
          maxlength="18"
          aria-describedby="nip-hint nip-error"
          aria-invalid=${message === '' ? 'false' : 'true'}
          ?disabled=${this.busy}
        />
        <p part="error" id="nip-error" class=${message === '' ? '' : 'error'} role="alert">
          ${message === '' ? nothing : message}
        </p>
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.nipSubmit}</button>
      </form>
    `;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input')!;
    const nip = input.value.replace(/\s+/g, '');
    try {
      parseNip(nip);
    } catch (error) {
      if (!(error instanceof InvalidNipError)) throw error;
      this.invalid = error;
      input.focus();
      return;
    }
    this.invalid = null;
    fireSmartEvent(this, 'smart-nip-submit', { nip });
  }
}

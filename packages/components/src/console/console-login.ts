import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { Language } from '@smart-training/core';
import type { Credential } from '@smart-training/runtime';
import { fireSmartEvent } from '../events';
import { CONSOLE_STRINGS } from './console-strings';
import { consoleStyles } from './console.styles';

declare global {
  interface HTMLElementTagNameMap {
    'smart-console-login': SmartConsoleLogin;
  }
  interface HTMLElementEventMap {
    /** The evaluator submitted an admin key and secret. */
    'smart-console-login': CustomEvent<Credential>;
  }
}

/**
 * The console's sign-in form: an admin key and secret.
 *
 * Properties: `error` (text from the LRS, e.g. a refused credential),
 * `busy` (the credential is being checked), `lang`.
 *
 * Events: `smart-console-login` ({key, secret}).
 *
 * @element smart-console-login
 */
export class SmartConsoleLogin extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      form {
        max-width: 26rem;
      }
      label {
        display: block;
        font-weight: 600;
        margin-top: 0.75rem;
      }
      input {
        box-sizing: border-box;
        width: 100%;
        margin-top: 0.25rem;
        padding: 0.45rem 0.6rem;
        border: 1px solid var(--smart-muted);
        border-radius: 6px;
        font: inherit;
      }
      button {
        margin-top: 1rem;
      }
    `,
  ];

  static override properties = {
    error: {},
    busy: { type: Boolean },
    lang: { reflect: true },
  };

  error = '';
  busy = false;
  override lang: Language = 'id';

  override focus(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  protected override render(): TemplateResult {
    const t = CONSOLE_STRINGS[this.lang === 'en' ? 'en' : 'id'];
    return html`<form @submit=${this.onSubmit} aria-labelledby="login-heading">
      <h2 id="login-heading">${t.loginHeading}</h2>
      <p class="muted">${t.loginIntro}</p>
      <label for="key">${t.key}</label>
      <input id="key" name="key" required autocomplete="username" ?disabled=${this.busy} />
      <label for="secret">${t.secret}</label>
      <input id="secret" name="secret" type="password" required autocomplete="current-password" ?disabled=${this.busy} />
      <p role="alert" class=${this.error ? 'error' : ''}>${this.error || nothing}</p>
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.loading : t.login}</button>
    </form>`;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    fireSmartEvent(this, 'smart-console-login', {
      key: String(data.get('key') ?? '').trim(),
      secret: String(data.get('secret') ?? ''),
    });
  }
}

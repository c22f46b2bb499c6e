import { css } from 'lit';

/*
 * The look every SMART element shares, in pieces an element's stylesheet
 * interpolates where the rules belong (css`${baseStyles} ...`), so that the
 * cascade order of each stylesheet stays as written.
 */

/**
 * The design tokens as custom properties on the host (set them on the
 * outermost element to restyle it), the text colour and font, and a focus
 * ring visible on every background.
 *
 * @example
 * export const panelStyles = css`${baseStyles} .panel { color: var(--smart-muted); }`;
 */
export const baseStyles = css`
  :host {
    --smart-accent: #0b5cad;
    --smart-accent-text: #ffffff;
    --smart-ink: #1c2430;
    --smart-muted: #55606e;
    --smart-line: #c9d1db;
    --smart-surface: #ffffff;
    --smart-subtle: #f2f5f8;
    --smart-ok: #1b7a3d;
    --smart-warn: #a35a00;
    --smart-bad: #b3261e;
    --smart-focus: #ffbf47;
    display: block;
    color: var(--smart-ink);
    font: 1rem/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }

  *:focus-visible {
    outline: 3px solid var(--smart-focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--smart-ink);
  }
`;

/**
 * Heading spacing, and no focus ring on an element focused by script
 * (tabindex -1): a heading that receives focus to announce a new view is
 * not a control.
 */
export const headingStyles = css`
  [tabindex='-1']:focus {
    outline: none;
    box-shadow: none;
  }

  h1,
  h2,
  h3 {
    margin: 0 0 0.5rem;
    line-height: 1.25;
  }
`;

/** Rows of controls (`.row`, `.row.apart`) and buttons (plain, `.primary`, disabled) of touch-friendly size. */
export const controlStyles = css`
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }

  .row.apart {
    justify-content: space-between;
  }

  button {
    min-height: 2.5rem;
    padding: 0.4rem 1rem;
    border: 1px solid var(--smart-accent);
    border-radius: 6px;
    background: var(--smart-surface);
    color: var(--smart-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  button.primary {
    background: var(--smart-accent);
    color: var(--smart-accent-text);
  }

  button[disabled] {
    opacity: 0.5;
    cursor: not-allowed;
  }
`;

/** `.visually-hidden`: text for screen readers only, such as a live region or a column's name. */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

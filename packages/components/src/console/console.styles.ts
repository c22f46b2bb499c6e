import { css } from 'lit';

/**
 * Look shared by the console's elements: colours as custom properties
 * (set them on <smart-console> to restyle), tables, cards and a focus ring
 * visible on every background.
 */
export const consoleStyles = css`
  :host {
    --smart-accent: #0b5cad;
    --smart-accent-text: #ffffff;
    --smart-ink: #1c2430;
    --smart-muted: #55606e;
    --smart-line: #c9d1db;
    --smart-subtle: #f2f5f8;
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
  table {
    border-collapse: collapse;
    width: 100%;
    margin: 0.5rem 0 1.5rem;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid var(--smart-line);
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  button {
    font: inherit;
    padding: 0.35rem 0.9rem;
    border: 1px solid var(--smart-accent);
    border-radius: 6px;
    background: transparent;
    color: var(--smart-accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--smart-accent);
    color: var(--smart-accent-text);
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  .muted {
    color: var(--smart-muted);
  }
  .error {
    color: var(--smart-bad);
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

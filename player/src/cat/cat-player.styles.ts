import { css } from 'lit';
import { baseStyles, controlStyles, visuallyHiddenStyles } from '@smart-training/components';

/** Styles of `<smart-cat-player>`. Colours come from custom properties so a course can restyle them. */
export const catPlayerStyles = css`
  ${baseStyles}

  h2:focus,
  h2:focus-visible {
    outline: none;
    box-shadow: none;
  }

  ${visuallyHiddenStyles}

  .frame {
    background: var(--smart-surface);
    border: 1px solid var(--smart-line);
    border-radius: 8px;
    overflow: hidden;
  }

  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.75rem 1.25rem;
    background: var(--smart-subtle);
    border-bottom: 1px solid var(--smart-line);
  }

  h1 {
    margin: 0;
    font-size: 1.15rem;
  }

  .timer {
    display: inline-flex;
    margin: 0;
    gap: 0.5rem;
    align-items: baseline;
    padding: 0.25rem 0.75rem;
    border: 2px solid var(--smart-accent);
    border-radius: 999px;
    font-variant-numeric: tabular-nums;
  }

  .timer .clock {
    font-size: 1.25rem;
    font-weight: 700;
  }

  .timer.low {
    border-color: var(--smart-bad);
    color: var(--smart-bad);
  }

  .body {
    padding: 1.25rem;
  }

  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.1rem;
  }

  h3 {
    margin: 1.25rem 0 0.5rem;
    font-size: 1rem;
  }

  dl.facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.75rem;
    margin: 0 0 1rem;
  }

  dl.facts div {
    padding: 0.75rem;
    background: var(--smart-subtle);
    border-radius: 6px;
  }

  dl.facts dt {
    color: var(--smart-muted);
    font-size: 0.875rem;
  }

  dl.facts dd {
    margin: 0;
    font-size: 1.25rem;
    font-weight: 700;
  }

  .notice {
    padding: 0.75rem 1rem;
    border-left: 4px solid var(--smart-accent);
    background: var(--smart-subtle);
  }

  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 14rem;
    gap: 1.5rem;
  }

  @media (max-width: 40rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  fieldset {
    margin: 0 0 1rem;
    padding: 0;
    border: 0;
  }

  legend {
    padding: 0;
    font-size: 1.05rem;
    font-weight: 600;
  }

  .hint {
    margin: 0.25rem 0 0.75rem;
    color: var(--smart-muted);
    font-size: 0.9rem;
  }

  .option {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    margin-bottom: 0.5rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--smart-line);
    border-radius: 6px;
    cursor: pointer;
  }

  .option:has(input:checked) {
    border-color: var(--smart-accent);
    background: #e8f1fb;
  }

  .option input {
    flex: none;
    width: 1.2rem;
    height: 1.2rem;
    margin: 0.15rem 0 0;
    accent-color: var(--smart-accent);
  }

  ${controlStyles}

  .row.apart {
    margin-top: 1rem;
  }

  button.flag[aria-pressed='true'] {
    border-color: var(--smart-warn);
    background: #fff4e0;
    color: var(--smart-warn);
  }

  button.link {
    min-height: auto;
    padding: 0;
    border: 0;
    background: none;
    text-decoration: underline;
  }

  .palette ol {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(2.75rem, 1fr));
    gap: 0.4rem;
    margin: 0 0 0.75rem;
    padding: 0;
    list-style: none;
  }

  .palette h2 {
    font-size: 1rem;
  }

  .palette ol button {
    position: relative;
    width: 100%;
    padding: 0.25rem;
    border-color: var(--smart-line);
    color: var(--smart-ink);
  }

  .palette ol button.answered {
    border-color: var(--smart-accent);
    background: #e8f1fb;
  }

  .palette ol button.flagged::after {
    content: '';
    position: absolute;
    top: 3px;
    right: 3px;
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: var(--smart-warn);
  }

  .palette ol button[aria-current='step'] {
    border-width: 3px;
    border-color: var(--smart-ink);
  }

  .key {
    display: grid;
    gap: 0.25rem;
    margin: 0 0 0.75rem;
    padding: 0;
    color: var(--smart-muted);
    font-size: 0.85rem;
    list-style: none;
  }

  .key span {
    display: inline-block;
    width: 0.8rem;
    height: 0.8rem;
    margin-right: 0.4rem;
    border: 1px solid var(--smart-line);
    border-radius: 3px;
    vertical-align: middle;
  }

  .key .answered {
    border-color: var(--smart-accent);
    background: #e8f1fb;
  }

  .key .flagged {
    border-radius: 50%;
    background: var(--smart-warn);
  }

  .key .current {
    border: 3px solid var(--smart-ink);
  }

  .jumps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  dialog {
    max-width: 28rem;
    padding: 1.25rem;
    border: 1px solid var(--smart-line);
    border-radius: 8px;
    color: var(--smart-ink);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }

  .score-card {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: stretch;
    margin-bottom: 1rem;
  }

  .score-card > div {
    flex: 1 1 8rem;
    padding: 1rem;
    background: var(--smart-subtle);
    border-radius: 6px;
  }

  .score-card .label {
    display: block;
    color: var(--smart-muted);
    font-size: 0.875rem;
  }

  .score-card .value {
    font-size: 2rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .verdict {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border-radius: 6px;
    font-size: 1.1rem;
    font-weight: 700;
  }

  .verdict.good {
    background: #e3f4e8;
    color: var(--smart-ok);
  }

  .verdict.bad {
    background: #fbe9e7;
    color: var(--smart-bad);
  }

  .error {
    padding: 1rem;
    border-left: 4px solid var(--smart-bad);
    background: #fbe9e7;
  }

  @media (prefers-reduced-motion: no-preference) {
    button,
    .option {
      transition:
        background-color 0.15s ease,
        border-color 0.15s ease;
    }
  }
`;

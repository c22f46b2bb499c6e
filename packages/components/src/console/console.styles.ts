import { css } from 'lit';
import { baseStyles, headingStyles, visuallyHiddenStyles } from '../styles/base.styles';

/**
 * Look shared by the console's elements: colours as custom properties
 * (set them on <smart-console> to restyle), tables, cards and a focus ring
 * visible on every background.
 */
export const consoleStyles = css`
  ${baseStyles}
  ${headingStyles}
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
  ${visuallyHiddenStyles}
`;

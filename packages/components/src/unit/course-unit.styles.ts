import { css } from 'lit';

/** Layout of `<smart-course-unit>`: a top bar with the course and language, then one view. */
export const courseUnitStyles = css`
  :host {
    max-width: 64rem;
    margin: 0 auto;
    padding: 1rem;
  }

  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1.5rem;
    align-items: center;
    justify-content: space-between;
    margin-bottom: 1rem;
    padding-bottom: 0.75rem;
    border-bottom: 2px solid var(--smart-accent);
  }

  .bar p {
    margin: 0;
  }

  .languages {
    display: inline-flex;
    gap: 0;
  }

  .languages button {
    min-height: 2.25rem;
    border-radius: 0;
    font-weight: 500;
  }

  .languages button:first-child {
    border-radius: 6px 0 0 6px;
  }

  .languages button:last-child {
    border-radius: 0 6px 6px 0;
  }

  .languages button[aria-pressed='true'] {
    background: var(--smart-accent);
    color: var(--smart-accent-text);
    font-weight: 700;
  }

  .status-line {
    margin: 0 0 1rem;
  }
`;

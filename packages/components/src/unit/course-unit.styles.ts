import { css } from 'lit';

/** Layout of `<smart-course-unit>`: a top bar with the course and language, then one view. */
export const courseUnitStyles = css`
  :host {
    max-width: 64rem;
    margin: 0 auto;
    padding: 1rem;
  }

  /* The title takes what the language toggle leaves and wraps inside it;
     the toggle keeps its size at the top right and only drops below the
     title when the screen is too narrow for both. */
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1.5rem;
    align-items: flex-start;
    justify-content: space-between;
    margin-bottom: 1rem;
    padding-bottom: 0.75rem;
    border-bottom: 2px solid var(--smart-accent);
  }

  .identity {
    flex: 1 1 18rem;
    min-width: 0;
  }

  .bar h1 {
    font-size: clamp(1.15rem, 0.95rem + 0.9vw, 1.5rem);
    line-height: 1.25;
    overflow-wrap: break-word;
  }

  .bar p {
    margin: 0;
  }

  .languages {
    display: inline-flex;
    flex: none;
    gap: 0;
    margin-left: auto;
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

  /* Printing a view that holds the certificate prints the certificate alone. */
  @media print {
    :host {
      max-width: none;
      padding: 0;
    }

    .bar:has(~ [part='view'] > smart-certificate-panel),
    [part='view']:has(> smart-certificate-panel) > :not(smart-certificate-panel) {
      display: none !important;
    }
  }
`;

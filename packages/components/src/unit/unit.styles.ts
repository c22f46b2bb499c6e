import { css } from 'lit';
import { baseStyles, controlStyles, headingStyles } from '../styles/base.styles';

/**
 * Look shared by the course unit's elements: colours as custom properties
 * (set them on <smart-course-unit> to restyle a course), cards, buttons,
 * and a focus ring that is visible on every background.
 */
export const unitStyles = css`
  ${baseStyles}
  ${headingStyles}

  h1 {
    font-size: 1.5rem;
  }

  h2 {
    font-size: 1.2rem;
  }

  h3 {
    font-size: 1.05rem;
  }

  p {
    margin: 0 0 0.75rem;
  }

  a {
    color: var(--smart-accent);
  }

  .card {
    margin: 0 0 1rem;
    padding: 1rem 1.25rem;
    background: var(--smart-surface);
    border: 1px solid var(--smart-line);
    border-radius: 8px;
  }

  .card.recommended {
    border: 2px solid var(--smart-accent);
    box-shadow: 0 0 0 4px #dbe8f7;
  }

  .badge {
    display: inline-block;
    padding: 0.1rem 0.6rem;
    border-radius: 999px;
    background: var(--smart-subtle);
    color: var(--smart-ink);
    font-size: 0.85rem;
    font-weight: 600;
  }

  .badge.accent {
    background: var(--smart-accent);
    color: var(--smart-accent-text);
  }

  .badge.ok {
    background: #e3f4e8;
    color: var(--smart-ok);
  }

  .badge.warn {
    background: #fff4e0;
    color: var(--smart-warn);
  }

  .badge.bad {
    background: #fbe9e7;
    color: var(--smart-bad);
  }

  .muted {
    color: var(--smart-muted);
  }

  ${controlStyles}

  .error {
    padding: 0.75rem 1rem;
    border-left: 4px solid var(--smart-bad);
    background: #fbe9e7;
  }

  .notice {
    padding: 0.75rem 1rem;
    border-left: 4px solid var(--smart-warn);
    background: #fff4e0;
  }

  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s ease;
    }
  }
`;

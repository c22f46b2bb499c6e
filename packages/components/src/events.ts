import type { NextStep } from '@smart-training/core';

/**
 * The one way our elements fire events: a bubbling, composed CustomEvent
 * whose name starts with `smart-` and whose detail type comes from the
 * global HTMLElementEventMap, where each element declares its events.
 */

/** Names of the events our elements declare in HTMLElementEventMap. */
export type SmartEventName = Extract<keyof HTMLElementEventMap, `smart-${string}`>;

/** The detail type an event of that name carries. */
export type SmartEventDetail<K extends SmartEventName> =
  HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Fires `name` from `host` so that it crosses shadow roots and reaches the
 * page. Call it only for what the user did, never for internal state changes.
 *
 * @example
 * fireSmartEvent(this, 'smart-next-step', { kind: 'final', testId: 'final' });
 */
export function fireSmartEvent<K extends SmartEventName>(
  host: HTMLElement,
  name: K,
  detail: SmartEventDetail<K>,
): void {
  host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    /**
     * The learner chose to go on with a next step. Fired by the CAT player's
     * result screen and by the outline's recommendation; the unit opens it.
     */
    'smart-next-step': CustomEvent<NextStep>;
  }
}

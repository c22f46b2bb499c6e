import type { Language } from '@smart-training/core';
import { findScormApi } from './scorm-api';
import { Scorm12Host } from './scorm12-host';
import { Scorm2004Host } from './scorm2004-host';

/** Who the host says the learner is. For SCORM and standalone: the NIP. */
export interface LearnerIdentity {
  id: string;
  name?: string;
}

/** A result as the LMS gradebook should show it. */
export interface HostResult {
  /** Percent on 0–100; Moodle grades from the raw score alone. */
  scoreRaw: number;
  status: 'incomplete' | 'passed' | 'failed';
}

/**
 * The unit's view of whatever launched it. One implementation per kind of
 * host; the unit never talks to a SCORM API directly.
 *
 * None of the methods throws for a fault on the LMS side: such faults are
 * logged once to the console with a `[smart-runtime:…]` code.
 */
export interface HostBridge {
  readonly kind: 'scorm12' | 'scorm2004' | 'standalone';
  /** Opens the LMS session; returns the learner, or null when the host names none. */
  start(): LearnerIdentity | null;
  /**
   * The learner's preferred language as the LMS holds it (SCORM 1.2
   * `cmi.student_preference.language`, 2004 `cmi.learner_preference.language`):
   * any "en…" tag is English, any other tag Indonesian; null when the LMS
   * holds none or the session is not open.
   */
  preferredLanguage(): Language | null;
  /** Reports the score and status to the LMS and commits at once. */
  reportResult(result: HostResult): void;
  /** Closes the LMS session; later calls are ignored. */
  terminate(): void;
}

/**
 * The host of a unit opened outside any LMS (the LRS's own pages, a
 * preview). There is no gradebook to report to; the learner is whoever the
 * unit identified, e.g. from a NIP the learner typed.
 */
export class StandaloneHost implements HostBridge {
  readonly kind = 'standalone';

  constructor(private readonly learner: LearnerIdentity | null = null) {}

  start(): LearnerIdentity | null {
    return this.learner;
  }

  preferredLanguage(): Language | null {
    return null;
  }

  reportResult(): void {
    // The LRS holds the result; a standalone launch has no LMS to tell.
  }

  terminate(): void {
    // Nothing to close without an LMS.
  }
}

/**
 * Picks the host for a unit running in `win`: SCORM 2004 or 1.2 when an
 * LMS API is found in the window's frames or opener, standalone otherwise.
 * Connect once per page: an LMS accepts one Initialize per session, so a
 * second bridge's `start()` would be refused.
 *
 * @example
 * const host = connectHost(window, { standaloneLearner: { id: nipFromUrl } });
 * const learner = host.start();
 */
export function connectHost(
  win: Window,
  options: { standaloneLearner?: LearnerIdentity } = {},
): HostBridge {
  const found = findScormApi(win);
  if (found?.version === '2004') return new Scorm2004Host(found.api);
  if (found?.version === '1.2') return new Scorm12Host(found.api);
  return new StandaloneHost(options.standaloneLearner ?? null);
}

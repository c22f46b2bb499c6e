import type { Language } from '@smart-training/core';
import { findScormApi } from './scorm-api';
import { Scorm12Host } from './scorm12-host';
import { Scorm2004Host } from './scorm2004-host';
import { readCmi5Launch } from './cmi5-launch';
import { UnsupportedLaunchError } from './errors';
import { warnOnce } from './warnings';
import { readXapiLaunch, XapiLaunchHost } from './xapi-launch-host';

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

/** The kinds of host a unit can run in. */
export type HostKind = 'scorm12' | 'scorm2004' | 'cmi5' | 'xapi' | 'standalone';

/**
 * The unit's view of whatever launched it. One implementation per kind of
 * host; the unit never talks to a SCORM API or a cmi5 LMS directly.
 *
 * The life of a bridge: `await start()` once, then `loadProgress()` to
 * resume, `saveProgress()` as the learner moves on, `reportResult()` after
 * every scored test, and `terminate()` when the unit ends. The bridge also
 * flushes by itself when the page is hidden or unloaded.
 *
 * None of the methods throws or rejects for a fault on the LMS side: such
 * faults are logged once to the console with a `[smart-runtime:…]` code.
 *
 * @example
 * const host = connectHost(window);
 * const learner = await host.start();
 * const resumed = host.loadProgress(); // e.g. '{"view":"material:etika"}'
 * host.saveProgress(JSON.stringify({ view: 'material:integritas' }));
 * host.reportResult({ scoreRaw: 80, status: 'passed' });
 * host.terminate();
 */
export interface HostBridge {
  readonly kind: HostKind;
  /**
   * Opens the LMS session (for cmi5, the whole launch: auth token, launch
   * data, `initialized`); resolves with the learner, or null when the host
   * names none or the session could not be opened. Later calls resolve
   * with the same answer.
   */
  start(): Promise<LearnerIdentity | null>;
  /**
   * The learner's preferred language as the LMS holds it (SCORM 1.2
   * `cmi.student_preference.language`, 2004 `cmi.learner_preference.language`,
   * cmi5 `cmi5LearnerPreferences`): any "en…" tag is English, any other tag
   * Indonesian; null when the LMS holds none or the session is not open.
   */
  preferredLanguage(): Language | null;
  /**
   * The progress state saved in an earlier session of this attempt (SCORM
   * `cmi.suspend_data`, the cmi5/xAPI state API), or null. Read after
   * `start()` resolved.
   */
  loadProgress(): string | null;
  /**
   * Keeps `state` for the learner's next launch. Keep it small: SCORM 1.2
   * holds 4,096 characters after compression; a state that does not fit is
   * refused with a `[smart-runtime:progress-too-large]` warning and the last
   * state that fitted stays. Saved with the next (throttled) commit.
   */
  saveProgress(state: string): void;
  /**
   * Reports the score and status to the LMS and commits at once. A pass the
   * LMS already holds is never replaced by a lower score, a fail or
   * "incomplete". Resolves once the LMS has it (at once for SCORM; for
   * cmi5 and xAPI when the statements were sent or queued); never rejects.
   */
  reportResult(result: HostResult): Promise<void>;
  /**
   * Saves what is pending and closes the LMS session; later calls are
   * ignored. Resolves when done, e.g. before following a cmi5 `returnUrl`.
   */
  terminate(): Promise<void>;
}

/**
 * The host of a unit opened outside any LMS (the LRS's own pages, a
 * preview). There is no gradebook to report to; the learner is whoever the
 * unit identified, e.g. from a NIP the learner typed.
 */
export class StandaloneHost implements HostBridge {
  readonly kind = 'standalone';

  constructor(private readonly learner: LearnerIdentity | null = null) {}

  start(): Promise<LearnerIdentity | null> {
    return Promise.resolve(this.learner);
  }

  preferredLanguage(): Language | null {
    return null;
  }

  loadProgress(): string | null {
    return null;
  }

  saveProgress(): void {
    // Without an LMS there is no attempt to resume; the LRS holds the results.
  }

  reportResult(): Promise<void> {
    // The LRS holds the result; a standalone launch has no LMS to tell.
    return Promise.resolve();
  }

  terminate(): Promise<void> {
    // Nothing to close without an LMS.
    return Promise.resolve();
  }
}

/** What {@link connectHost} needs besides the window. */
export interface ConnectOptions {
  /** The learner of a standalone launch, e.g. from a NIP the learner typed. */
  standaloneLearner?: LearnerIdentity;
  /** Progress commits (SCORM) or state saves (cmi5, xAPI) are batched to at most one per this many ms. Default 5,000. */
  commitIntervalMs?: number;
}

/** What every host's constructor takes from {@link connectHost}. */
export interface HostOptions {
  window: Window;
  commitIntervalMs?: number;
}

/**
 * A kind of host that a bundle entry adds to {@link connectHost}. cmi5 is
 * one: its host needs @xapi/cmi5 (with its own copy of axios), about 94 KB
 * that a SCORM or xAPI package would carry and never run. So host.ts knows
 * only how to recognise a cmi5 launch; the unit entry packed into cmi5
 * zips (player/src/unit-cmi5.ts) registers `cmi5Launcher` before it
 * defines the unit's elements, and the lean entry (player/src/unit.ts)
 * does not.
 */
export interface HostLauncher {
  readonly kind: HostKind;
  /** The host when `win` was launched this way, else null. Only recognises; the LMS session opens in `start()`. */
  connect(win: Window, options: HostOptions): HostBridge | null;
}

const launchers: HostLauncher[] = [];

/**
 * Makes {@link connectHost} try `launcher` before the built-in hosts.
 * Registering a kind again replaces the earlier launcher of that kind.
 *
 * @example
 * registerHostLauncher(cmi5Launcher);
 */
export function registerHostLauncher(launcher: HostLauncher): void {
  const index = launchers.findIndex((known) => known.kind === launcher.kind);
  if (index === -1) launchers.push(launcher);
  else launchers[index] = launcher;
}

/**
 * Picks the host for a unit running in `win`, in this order: the
 * launchers a bundle registered (cmi5 in smart-unit-cmi5.js, when the URL
 * carries the five cmi5 launch parameters `fetch`, `endpoint`, `actor`,
 * `registration`, `activityId`); xAPI when the URL carries `endpoint`,
 * `auth` and `actor` (a tincan.xml launch); SCORM 2004 or 1.2 when an LMS
 * API is found in the window's frames or opener; standalone otherwise.
 * Connect once per page: an LMS accepts one Initialize per session, so a
 * second bridge's `start()` would be refused.
 *
 * A cmi5 launch that no registered launcher takes (the lean smart-unit.js
 * opened by a cmi5 LMS, i.e. a SCORM or xAPI package imported as cmi5) is
 * never played as standalone: results would not reach the LMS. connectHost
 * logs `[smart-runtime:cmi5-not-in-bundle]` and throws
 * {@link UnsupportedLaunchError}, for the unit to show.
 *
 * @example
 * const host = connectHost(window, { standaloneLearner: { id: nipFromUrl } });
 * const learner = await host.start();
 */
export function connectHost(win: Window, options: ConnectOptions = {}): HostBridge {
  const hostOptions: HostOptions = {
    window: win,
    ...(options.commitIntervalMs === undefined ? {} : { commitIntervalMs: options.commitIntervalMs }),
  };
  for (const launcher of launchers) {
    const host = launcher.connect(win, hostOptions);
    if (host) return host;
  }
  if (readCmi5Launch(win.location.search)) throw unsupportedCmi5Launch();
  const xapi = readXapiLaunch(win.location);
  if (xapi) return new XapiLaunchHost(xapi, hostOptions);
  const found = findScormApi(win);
  if (found?.version === '2004') return new Scorm2004Host(found.api, hostOptions);
  if (found?.version === '1.2') return new Scorm12Host(found.api, hostOptions);
  return new StandaloneHost(options.standaloneLearner ?? null);
}

function unsupportedCmi5Launch(): UnsupportedLaunchError {
  const error = new UnsupportedLaunchError(
    'cmi5',
    'A cmi5 LMS launched this unit, but the page loads smart-unit.js, which has no cmi5 support. ' +
      'Import the course\'s cmi5 package into the LMS (`smart-author pack --format cmi5`); its index.html loads smart-unit-cmi5.js.',
  );
  warnOnce('cmi5-not-in-bundle', 'cmi5', error.message);
  return error;
}

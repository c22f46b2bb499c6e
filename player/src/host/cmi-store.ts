/**
 * Keeps a learner's CMI data for one package in localStorage, so that a
 * relaunch of the package in the host player resumes where it stopped, as
 * re-entry does in an LMS.
 */

const PREFIX = 'smart-host:cmi:v1';

function storageKey(packageName: string, learnerId: string): string {
  return `${PREFIX}:${packageName}:${learnerId}`;
}

/** The saved CMI object, or null when there is none (or storage is off). */
export function loadCmi(packageName: string, learnerId: string): Record<string, unknown> | null {
  try {
    const text = localStorage.getItem(storageKey(packageName, learnerId));
    const value: unknown = text ? JSON.parse(text) : null;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Saves the CMI object; a full or disabled storage only loses the resume. */
export function saveCmi(packageName: string, learnerId: string, cmi: Record<string, unknown>): void {
  try {
    localStorage.setItem(storageKey(packageName, learnerId), JSON.stringify(cmi));
  } catch {
    // Private browsing or a full quota: the package still plays, without resume.
  }
}

/** Forgets the saved CMI object: the next launch starts from nothing. */
export function clearCmi(packageName: string, learnerId: string): void {
  try {
    localStorage.removeItem(storageKey(packageName, learnerId));
  } catch {
    // Storage off: there was nothing to forget.
  }
}

/**
 * Where a learner is in a package's attempts: which attempt, how many
 * sessions it has had, and whether it ended (a Terminate / LMSFinish with
 * an exit other than suspend, after which the next launch is a new attempt).
 */
export interface AttemptRecord {
  attempt: string;
  session: number;
  ended: boolean;
}

const ATTEMPT_PREFIX = 'smart-host:attempt:v1';

export function loadAttempt(packageName: string, learnerId: string): AttemptRecord | null {
  try {
    const text = localStorage.getItem(`${ATTEMPT_PREFIX}:${packageName}:${learnerId}`);
    const value = (text ? JSON.parse(text) : null) as Partial<AttemptRecord> | null;
    if (typeof value?.attempt !== 'string' || typeof value.session !== 'number') return null;
    return { attempt: value.attempt, session: value.session, ended: value.ended === true };
  } catch {
    return null;
  }
}

export function saveAttempt(packageName: string, learnerId: string, record: AttemptRecord): void {
  try {
    localStorage.setItem(`${ATTEMPT_PREFIX}:${packageName}:${learnerId}`, JSON.stringify(record));
  } catch {
    // Without storage every launch is a new attempt.
  }
}

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

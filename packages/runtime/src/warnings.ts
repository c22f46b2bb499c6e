/**
 * Console warnings of the runtime. The bridge runs inside a learner's page,
 * so problems on the LMS or LRS side are reported to whoever opens the
 * developer console, never thrown at the learner. Each cause is reported
 * once per page, with a stable code an administrator can search for.
 */

const alreadyWarned = new Set<string>();

/** Stable codes of the runtime's warnings; the text after the code varies. */
export type RuntimeWarningCode =
  | 'lms-call-failed'
  | 'lms-not-initialized'
  | 'lms-call-after-terminate'
  | 'lms-threw'
  | 'lrs-statement-rejected'
  | 'lrs-unreachable'
  | 'lms-pass-kept'
  | 'progress-too-large'
  | 'cmi5-launch-failed'
  | 'cmi5-not-in-bundle'
  | 'cmi5-statement-skipped'
  | 'lrs-state-failed'
  | 'statement-queue-not-stored';

/**
 * Logs `[smart-runtime:<code>] <message>` unless the same code and cause
 * were already logged on this page.
 */
export function warnOnce(code: RuntimeWarningCode, cause: string, message: string): void {
  const key = `${code}\u0000${cause}`;
  if (alreadyWarned.has(key)) return;
  alreadyWarned.add(key);
  console.warn(`[smart-runtime:${code}] ${message}`);
}

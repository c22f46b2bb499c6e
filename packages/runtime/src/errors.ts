import type { LocalizedText } from '@smart-training/core';

/**
 * A refusal or failure of the SMART assessment API, carrying the body the
 * LRS sent: `{ error: { code, message, message_id } }`. `message` is
 * English, `messageId` Indonesian; show {@link AssessmentApiError.text}
 * in the learner's language.
 *
 * Network failures and answers that are not the API's JSON get status 0
 * and the codes `network_unreachable` or `unexpected_response`.
 *
 * @example
 * try { await client.requestForm('final') } catch (e) {
 *   if (e instanceof AssessmentApiError && e.code === 'materials_not_passed') showRule(e.text);
 * }
 */
export class AssessmentApiError extends Error {
  constructor(
    /** HTTP status, 0 when no HTTP answer arrived. */
    readonly status: number,
    /** Stable machine-readable code, e.g. `unknown_nip`. */
    readonly code: string,
    message: string,
    /** The Indonesian message (`message_id` in the body). */
    readonly messageId: string,
  ) {
    super(message);
    this.name = 'AssessmentApiError';
  }

  /** Both languages, for `localize(error.text, lang)`. */
  get text(): LocalizedText {
    return { id: this.messageId, en: this.message };
  }
}

/**
 * The unit was launched in a way the loaded bundle cannot serve, e.g. by a
 * cmi5 LMS while the page loads the lean smart-unit.js. Thrown by
 * `connectHost`: a package imported in the wrong format is the
 * administrator's to fix, and the learner must not play unrecorded.
 *
 * @example
 * try { host = connectHost(window) } catch (e) {
 *   if (e instanceof UnsupportedLaunchError) showFatal(e.message);
 * }
 */
export class UnsupportedLaunchError extends Error {
  constructor(
    /** The kind of launch the page saw. */
    readonly launch: 'cmi5',
    message: string,
  ) {
    super(message);
    this.name = 'UnsupportedLaunchError';
  }
}

import type { RuleViolation } from '@smart-training/core';

/**
 * Base of the LRS's own errors. `message` is English (API clients, logs),
 * `messageId` Indonesian (what a learner or operator reads first). Each
 * subclass carries the facts of its case; `toProblem` (problem.ts) alone
 * decides the HTTP status.
 */
export abstract class LrsError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly messageId: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request carries no Basic credential. */
export class MissingCredentialsError extends LrsError {
  readonly code = 'credentials_missing';
  constructor() {
    super(
      'This call needs HTTP Basic credentials. Send an Authorization header with the key and secret you were given.',
      'Panggilan ini memerlukan kredensial HTTP Basic. Kirim header Authorization berisi key dan secret yang Anda terima.',
    );
  }
}

/** The key is unknown or the secret does not match it. */
export class BadCredentialsError extends LrsError {
  readonly code = 'credentials_invalid';
  constructor() {
    super(
      'The key or secret is not valid. Check the credential, or ask the LRS operator for a new one.',
      'Key atau secret tidak valid. Periksa kredensial Anda atau minta kredensial baru kepada pengelola LRS.',
    );
  }
}

/** The credential was revoked (`smart-lrs credentials revoke`); it stopped working then. */
export class RevokedCredentialsError extends LrsError {
  readonly code = 'credentials_revoked';
  constructor(readonly revokedAt: string) {
    super(
      `This credential was revoked at ${revokedAt} and no longer works. Ask the LRS operator for a new one.`,
      `Kredensial ini telah dicabut pada ${revokedAt} dan tidak berlaku lagi. Minta kredensial baru kepada pengelola LRS.`,
    );
  }
}

/** The credential lacks every scope that would allow this call. */
export class MissingScopeError extends LrsError {
  readonly code = 'scope_missing';
  constructor(
    /** Any one of these would do; the first is the narrowest. */
    readonly needed: readonly string[],
  ) {
    const [first, ...others] = needed.map((scope) => `"${scope}"`);
    const alternatives = others.length > 0 ? ` (or ${others.join(' or ')})` : '';
    const alternativesId = others.length > 0 ? ` (atau ${others.join(' atau ')})` : '';
    super(
      `This call needs the ${first} scope${alternatives}, which this credential does not have. Ask the LRS operator for a credential with that scope.`,
      `Panggilan ini memerlukan scope ${first}${alternativesId}, yang tidak dimiliki kredensial ini. Minta kredensial dengan scope tersebut kepada pengelola LRS.`,
    );
  }
}

/** The credential is valid but of a kind that may not make this call. */
export class WrongCredentialKindError extends LrsError {
  readonly code = 'credential_not_allowed';
  constructor(
    readonly kind: string,
    readonly allowed: readonly string[],
  ) {
    super(
      `${capitalise(withArticle(kind))} credential may not make this call; it needs ${withArticle(allowed.join(' or '))} credential.`,
      `Kredensial jenis ${kind} tidak boleh melakukan panggilan ini; diperlukan kredensial ${allowed.join(' atau ')}.`,
    );
  }
}

/** "an admin", "a launch or admin": the English article for the phrase that follows it. */
function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A credential bound to one course was used for another. */
export class WrongCourseError extends LrsError {
  readonly code = 'wrong_course';
  constructor(
    readonly boundCourseId: string,
    readonly requestedCourseId: string,
  ) {
    super(
      `This credential belongs to course "${boundCourseId}", not "${requestedCourseId}". Use the credential packed with that course.`,
      `Kredensial ini milik pelatihan "${boundCourseId}", bukan "${requestedCourseId}". Gunakan kredensial dari paket pelatihan tersebut.`,
    );
  }
}

export class UnknownCourseError extends LrsError {
  readonly code = 'unknown_course';
  constructor(readonly courseId: string) {
    super(
      `There is no course "${courseId}" on this LRS. Publish the course first, or check the course id.`,
      `Pelatihan "${courseId}" tidak ada di LRS ini. Terbitkan pelatihan terlebih dahulu atau periksa id pelatihan.`,
    );
  }
}

/** The NIP is not in the employee registry, so the person may not enrol. */
export class UnknownNipError extends LrsError {
  readonly code = 'unknown_nip';
  constructor(readonly nip: string) {
    super(
      `NIP ${nip} is not in the employee registry. Contact your HR/BKPSDM administrator to be registered, then launch the course again.`,
      `NIP ${nip} tidak terdaftar dalam data kepegawaian. Hubungi admin kepegawaian/BKPSDM Anda agar didaftarkan, lalu buka kembali pelatihan ini.`,
    );
  }
}

/** The learner has no enrolment in the course (no session was ever opened). */
export class NotEnrolledError extends LrsError {
  readonly code = 'not_enrolled';
  constructor(
    readonly courseId: string,
    readonly nip: string,
  ) {
    super(
      `NIP ${nip} is not enrolled in course "${courseId}". The learner enrols by launching the course once.`,
      `NIP ${nip} belum terdaftar pada pelatihan "${courseId}". Peserta terdaftar saat pertama kali membuka pelatihan.`,
    );
  }
}

export class UnknownFormError extends LrsError {
  readonly code = 'unknown_form';
  constructor(readonly formId: string) {
    super(
      `There is no test form "${formId}". Ask for a new form to start the test.`,
      `Lembar tes "${formId}" tidak ditemukan. Minta lembar tes baru untuk memulai tes.`,
    );
  }
}

export class FormNotYoursError extends LrsError {
  readonly code = 'form_not_yours';
  constructor(readonly formId: string) {
    super(
      `Test form "${formId}" was served to another learner. Submit answers only to your own form.`,
      `Lembar tes "${formId}" milik peserta lain. Kirim jawaban hanya untuk lembar tes Anda sendiri.`,
    );
  }
}

export class FormAlreadySubmittedError extends LrsError {
  readonly code = 'form_already_submitted';
  constructor(readonly formId: string) {
    super(
      `Test form "${formId}" has already been submitted and scored. Open your status to see the result, or ask for a new form.`,
      `Lembar tes "${formId}" sudah dikirim dan dinilai. Lihat status Anda untuk hasilnya atau minta lembar tes baru.`,
    );
  }
}

/** Another of the learner's tests is still running: one test at a time. */
export class TestInProgressError extends LrsError {
  readonly code = 'test_in_progress';
  constructor(
    readonly testId: string,
    readonly expiresAt: string,
  ) {
    super(
      `Your test "${testId}" is still running (until ${expiresAt}). Finish and submit it first: one test runs at a time.`,
      `Tes "${testId}" Anda masih berjalan (sampai ${expiresAt}). Selesaikan dan kirim tes itu dahulu: hanya satu tes yang dapat berjalan pada satu waktu.`,
    );
  }
}

/** The submission came after the deadline plus the network grace. */
export class TimeLimitPassedError extends LrsError {
  readonly code = 'time_limit_passed';
  constructor(
    readonly formId: string,
    readonly expiresAt: string,
  ) {
    super(
      `The time for test form "${formId}" ran out at ${expiresAt}; the attempt is recorded as failed with score 0. Start a remedial attempt if the rules allow one.`,
      `Waktu lembar tes "${formId}" habis pada ${expiresAt}; percobaan ini dicatat tidak lulus dengan nilai 0. Mulai tes remedial bila aturan mengizinkan.`,
    );
  }
}

/** A SMART rule forbids starting the test now; the violation says why and what to do. */
export class RuleViolationError extends LrsError {
  readonly code: string;
  constructor(readonly violation: RuleViolation) {
    super(violation.message.en ?? violation.message.id, violation.message.id);
    this.code = violation.code;
  }
}

/** The request is malformed: a missing or ill-typed field, a bad parameter. */
export class InvalidRequestError extends LrsError {
  constructor(
    readonly detail: string,
    detailId: string,
    readonly code: string = 'invalid_request',
  ) {
    super(`The request is malformed: ${detail}.`, `Permintaan tidak valid: ${detailId}.`);
  }
}

/** Well-formed but unacceptable content, e.g. a course id that does not match the URL. */
export class UnprocessableError extends LrsError {
  constructor(
    readonly code: string,
    message: string,
    messageId: string,
  ) {
    super(message, messageId);
  }
}

/** An xAPI statement that does not follow the xAPI data model of the version the request asked for. */
export class InvalidStatementError extends LrsError {
  readonly code = 'invalid_statement';
  constructor(
    /** JSON path of the offending property, e.g. `statements[0].actor.mbox`. */
    readonly property: string,
    readonly detail: string,
  ) {
    // The detail comes from the schema validator in English; the Indonesian
    // text names the property alone rather than mix languages.
    super(
      `Statement property "${property}" is invalid: ${detail}. Fix it to follow the xAPI data model and send again.`,
      `Properti pernyataan "${property}" tidak sesuai model data xAPI. Perbaiki properti tersebut lalu kirim ulang.`,
    );
  }
}

/** A statement id that is already stored with different content. */
export class StatementConflictError extends LrsError {
  readonly code = 'statement_conflict';
  constructor(readonly statementId: string) {
    super(
      `Statement ${statementId} is already stored with different content. Statements are immutable: send a new id.`,
      `Pernyataan ${statementId} sudah tersimpan dengan isi berbeda. Pernyataan tidak dapat diubah: gunakan id baru.`,
    );
  }
}

/** A multipart/mixed statements request, attachments included, over SMART_ATTACHMENT_LIMIT. */
export class AttachmentsTooLargeError extends LrsError {
  readonly code = 'body_too_large';
  constructor(readonly limit: string) {
    super(
      `The statements with their attachments are larger than the ${limit} this LRS accepts. Refer to large files by fileUrl instead of sending their data, or ask the operator to raise SMART_ATTACHMENT_LIMIT.`,
      `Pernyataan beserta lampirannya melebihi batas ${limit} yang diterima LRS ini. Rujuk berkas besar lewat fileUrl alih-alih mengirim isinya, atau minta pengelola menaikkan SMART_ATTACHMENT_LIMIT.`,
    );
  }
}

export class StatementNotFoundError extends LrsError {
  readonly code = 'statement_not_found';
  constructor(readonly statementId: string) {
    super(
      `No statement ${statementId} is stored that you may read. Check the id.`,
      `Tidak ada pernyataan ${statementId} yang dapat Anda baca. Periksa id-nya.`,
    );
  }
}

/** A session credential tried to post a statement about somebody else. */
export class StatementNotYoursError extends LrsError {
  readonly code = 'statement_not_yours';
  constructor(readonly statementId: string | undefined) {
    super(
      `A learner session may only record statements about its own learner${statementId ? ` (statement ${statementId})` : ''}. Use the learner's NIP account as the actor.`,
      `Sesi peserta hanya boleh mencatat pernyataan tentang pesertanya sendiri${statementId ? ` (pernyataan ${statementId})` : ''}. Gunakan akun NIP peserta sebagai aktor.`,
    );
  }
}

/**
 * A learner session sent a statement the course unit never sends: a verb
 * other than the unit's own, or a result. Attempts, scores and decisions are
 * recorded by the LRS when answers are submitted, never taken from a client.
 */
export class StatementNotAllowedError extends LrsError {
  readonly code = 'statement_not_allowed';
  constructor(
    readonly verbId: string,
    readonly allowedVerbIds: readonly string[],
    /** `verb`: the verb itself is not the unit's; `result`: the verb is, but it carries a result. */
    readonly reason: 'verb' | 'result',
  ) {
    const allowed = allowedVerbIds.join(', ');
    super(
      reason === 'verb'
        ? `A learner session may not record "${verbId}" statements; it may send only ${allowed}. Results (answers, passes, fails, waivers, completion) are recorded by the LRS itself when answers are submitted.`
        : `A learner session may not send a result with its "${verbId}" statement. Results are recorded by the LRS itself when answers are submitted; send the statement without "result".`,
      reason === 'verb'
        ? `Sesi peserta tidak boleh mencatat pernyataan "${verbId}"; yang boleh dikirim hanya ${allowed}. Hasil (jawaban, lulus, tidak lulus, pembebasan, penyelesaian) dicatat sendiri oleh LRS saat jawaban dikirim.`
        : `Sesi peserta tidak boleh mengirim hasil (result) pada pernyataan "${verbId}". Hasil dicatat sendiri oleh LRS saat jawaban dikirim; kirim pernyataan tanpa "result".`,
    );
  }
}

/** A course version already published with other content: forms and attempts refer to it. */
export class CourseVersionExistsError extends LrsError {
  readonly code = 'course_version_exists';
  constructor(
    readonly courseId: string,
    readonly version: string,
  ) {
    super(
      `Course "${courseId}" version ${version} is already published with different content, and forms and attempts refer to it. Bump the version in course.yaml and publish again.`,
      `Pelatihan "${courseId}" versi ${version} sudah diterbitkan dengan isi berbeda, dan lembar tes serta percobaan peserta merujuk ke versi itu. Naikkan version di course.yaml lalu terbitkan ulang.`,
    );
  }
}

/** A course version lower than the one published: publishing never goes back. */
export class CourseVersionOlderError extends LrsError {
  readonly code = 'course_version_older';
  constructor(
    readonly courseId: string,
    readonly version: string,
    readonly publishedVersion: string,
  ) {
    super(
      `Course "${courseId}" is published at version ${publishedVersion}; version ${version} is older. Publish a version above ${publishedVersion} (set it in course.yaml).`,
      `Pelatihan "${courseId}" sudah terbit pada versi ${publishedVersion}; versi ${version} lebih lama. Terbitkan versi di atas ${publishedVersion} (atur di course.yaml).`,
    );
  }
}

/** A request without a supported `X-Experience-API-Version` header. */
export class UnsupportedXapiVersionError extends LrsError {
  readonly code = 'xapi_version_unsupported';
  constructor(readonly sent: string | undefined) {
    super(
      `Send the header X-Experience-API-Version with a 1.0.x or 2.0.x version (got ${sent === undefined ? 'none' : `"${sent}"`}).`,
      `Kirim header X-Experience-API-Version dengan versi 1.0.x atau 2.0.x (diterima ${sent === undefined ? 'tidak ada' : `"${sent}"`}).`,
    );
  }
}

/** A resource path the LRS does not serve. */
export class RouteNotFoundError extends LrsError {
  readonly code = 'not_found';
  constructor(
    readonly method: string,
    readonly path: string,
  ) {
    super(
      `There is no ${method} ${path} on this LRS. See docs/ARCHITECTURE.md for the calls it serves.`,
      `Tidak ada ${method} ${path} pada LRS ini. Lihat docs/ARCHITECTURE.md untuk daftar panggilan yang tersedia.`,
    );
  }
}

/** No stored xAPI document answers to the given parameters. */
export class DocumentNotFoundError extends LrsError {
  readonly code = 'document_not_found';
  constructor(
    /** The resource path, e.g. `activities/state`. */
    readonly resource: string,
    readonly documentId: string,
  ) {
    super(
      `There is no document "${documentId}" in ${resource} for these parameters. Check the parameters, or PUT the document first.`,
      `Dokumen "${documentId}" di ${resource} tidak ditemukan untuk parameter ini. Periksa parameternya, atau simpan dokumen dengan PUT terlebih dahulu.`,
    );
  }
}

/** An If-Match or If-None-Match precondition does not hold for the stored document. */
export class PreconditionFailedError extends LrsError {
  readonly code = 'precondition_failed';
  constructor(readonly header: 'If-Match' | 'If-None-Match') {
    super(
      header === 'If-Match'
        ? 'The document changed (or was deleted) since you read it: its ETag no longer matches If-Match. GET it again, apply your change, and send it with the new ETag.'
        : 'The document already exists, so If-None-Match does not hold. GET it and send your change with If-Match and its ETag.',
      header === 'If-Match'
        ? 'Dokumen sudah berubah (atau dihapus) sejak Anda membacanya: ETag-nya tidak cocok dengan If-Match. Ambil ulang dokumen, terapkan perubahan, lalu kirim dengan ETag yang baru.'
        : 'Dokumen sudah ada, sehingga syarat If-None-Match tidak terpenuhi. Ambil dokumen lalu kirim perubahan dengan If-Match dan ETag-nya.',
    );
  }
}

/** A PUT without If-Match or If-None-Match would overwrite a document nobody said it had read. */
export class DocumentExistsError extends LrsError {
  readonly code = 'document_exists';
  constructor(
    readonly resource: string,
    readonly documentId: string,
  ) {
    super(
      `Document "${documentId}" already exists in ${resource}. To replace it, GET it and PUT again with If-Match set to its ETag; to add properties to a JSON document, POST them instead.`,
      `Dokumen "${documentId}" sudah ada di ${resource}. Untuk menggantinya, ambil dokumen lalu PUT ulang dengan If-Match berisi ETag-nya; untuk menambah properti dokumen JSON, gunakan POST.`,
    );
  }
}

/** A learner session addressed a document of another agent. */
export class DocumentNotYoursError extends LrsError {
  readonly code = 'document_not_yours';
  constructor() {
    super(
      "A learner session may only read and write state documents of its own learner. Use the learner's NIP account as the agent parameter.",
      'Sesi peserta hanya boleh membaca dan menulis dokumen state milik pesertanya sendiri. Gunakan akun NIP peserta sebagai parameter agent.',
    );
  }
}

/** Other clients kept changing a document while this request tried to write it. */
export class DocumentContendedError extends LrsError {
  readonly code = 'document_contended';
  constructor(readonly documentId: string) {
    super(
      `Document "${documentId}" kept changing while this request tried to write it. Send the request again.`,
      `Dokumen "${documentId}" terus berubah saat permintaan ini mencoba menulisnya. Kirim ulang permintaan.`,
    );
  }
}

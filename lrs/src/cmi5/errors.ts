import { LrsError } from '../errors';

/**
 * Errors of the cmi5 LMS side. Each carries its HTTP status, which
 * `toProblem` (problem.ts) takes as it is.
 */
export abstract class Cmi5Error extends LrsError {
  abstract readonly status: number;
}

/** cmi5.xml does not follow the course structure of cmi5 section 13. */
export class InvalidCourseStructureError extends Cmi5Error {
  readonly code = 'invalid_course_structure';
  readonly status = 422;
  constructor(readonly problem: string) {
    super(
      `The cmi5 course structure cannot be used: ${problem}.`,
      `Struktur kursus cmi5 tidak dapat digunakan: ${problem}.`,
    );
  }
}

/** No hosted package of this name has a cmi5.xml. */
export class UnknownCmi5PackageError extends Cmi5Error {
  readonly code = 'unknown_package';
  readonly status = 404;
  constructor(readonly packageName: string) {
    super(
      `No cmi5 package "${packageName}" is hosted here (a folder in the host's packages folder with cmi5.xml at its root). Unpack the package first, or check its name.`,
      `Paket cmi5 "${packageName}" tidak ada di host ini (folder di folder paket host dengan cmi5.xml di akarnya). Ekstrak paketnya terlebih dahulu atau periksa namanya.`,
    );
  }
}

/** The course structure has no AU with this id. */
export class UnknownAuError extends Cmi5Error {
  readonly code = 'unknown_au';
  readonly status = 404;
  constructor(
    readonly auId: string,
    readonly known: readonly string[],
  ) {
    super(
      `The course has no AU "${auId}". Use one of: ${known.join(', ')}.`,
      `Kursus tidak memiliki AU "${auId}". Gunakan salah satu dari: ${known.join(', ')}.`,
    );
  }
}

/** No cmi5 registration with this id was made in the caller's store. */
export class UnknownRegistrationError extends Cmi5Error {
  readonly code = 'unknown_registration';
  readonly status = 404;
  constructor(readonly registration: string) {
    super(
      `There is no cmi5 registration ${registration} on this LRS. A registration is made by the first launch (POST /host/cmi5/launches).`,
      `Tidak ada registrasi cmi5 ${registration} di LRS ini. Registrasi dibuat saat peluncuran pertama (POST /host/cmi5/launches).`,
    );
  }
}

/**
 * A statement or document an AU's auth token may not send: the LMS's own
 * verbs, voiding, another registration or session, or the launch data.
 */
export class AuRequestRefusedError extends Cmi5Error {
  readonly code = 'au_request_refused';
  readonly status = 403;
  constructor(
    readonly reason: string,
    reasonId: string,
  ) {
    super(
      `An AU's auth token may not do this: ${reason}.`,
      `Token otorisasi AU tidak boleh melakukan ini: ${reasonId}.`,
    );
  }
}

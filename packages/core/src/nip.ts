import { InvalidNipError, type NipPart } from './errors';
import type { NipParts } from './model';

/** Civil servants are appointed as adults: TMT CPNS is at least this many years after birth. */
const MIN_APPOINTMENT_AGE = 18;
/** Earliest birth year accepted; anything older is a typing error, not an employee. */
const EARLIEST_BIRTH_YEAR = 1900;
/** Latest appointment year accepted. */
const LATEST_APPOINTMENT_YEAR = 2100;

/**
 * Splits an NIP (the 18-digit civil servant number) into its parts:
 * birth date YYYYMMDD, TMT CPNS YYYYMM, gender digit (1 male, 2 female) and
 * a serial 001–999. Throws {@link InvalidNipError} naming the wrong part.
 *
 * @example
 * parseNip('198503102010011001');
 * // { birthDate: '1985-03-10', appointment: '2010-01', gender: 'male', serial: '001' }
 */
export function parseNip(nip: string): NipParts {
  if (!/^\d*$/.test(nip)) {
    fail(
      nip,
      'digits',
      'it contains characters other than digits; write the 18 digits without spaces or punctuation',
      'mengandung karakter selain angka; tulis 18 angka tanpa spasi atau tanda baca',
    );
  }
  if (nip.length !== 18) {
    fail(
      nip,
      'length',
      `it has ${nip.length} digits but an NIP has exactly 18`,
      `terdiri dari ${nip.length} angka, padahal NIP tepat 18 angka`,
    );
  }

  const birthYear = Number(nip.slice(0, 4));
  const birthMonth = Number(nip.slice(4, 6));
  const birthDay = Number(nip.slice(6, 8));
  if (birthYear < EARLIEST_BIRTH_YEAR || !isCalendarDate(birthYear, birthMonth, birthDay)) {
    fail(
      nip,
      'birth_date',
      `digits 1-8 (birth date YYYYMMDD) "${nip.slice(0, 8)}" are not a real date`,
      `angka ke-1 sampai ke-8 (tanggal lahir TTTTBBHH) "${nip.slice(0, 8)}" bukan tanggal yang sah`,
    );
  }

  const appointmentYear = Number(nip.slice(8, 12));
  const appointmentMonth = Number(nip.slice(12, 14));
  const earliestAppointment = birthYear + MIN_APPOINTMENT_AGE;
  if (
    appointmentMonth < 1 ||
    appointmentMonth > 12 ||
    appointmentYear < earliestAppointment ||
    appointmentYear > LATEST_APPOINTMENT_YEAR
  ) {
    fail(
      nip,
      'appointment',
      `digits 9-14 (TMT CPNS YYYYMM) "${nip.slice(8, 14)}" must be a month 01-12 ` +
        `of a year from ${earliestAppointment} (birth year + ${MIN_APPOINTMENT_AGE}) ` +
        `to ${LATEST_APPOINTMENT_YEAR}`,
      `angka ke-9 sampai ke-14 (TMT CPNS TTTTBB) "${nip.slice(8, 14)}" harus bulan 01-12 ` +
        `pada tahun ${earliestAppointment} (tahun lahir + ${MIN_APPOINTMENT_AGE}) ` +
        `sampai ${LATEST_APPOINTMENT_YEAR}`,
    );
  }

  const genderDigit = nip.charAt(14);
  if (genderDigit !== '1' && genderDigit !== '2') {
    fail(
      nip,
      'gender',
      `digit 15 (gender) is "${genderDigit}" but must be 1 (male) or 2 (female)`,
      `angka ke-15 (jenis kelamin) adalah "${genderDigit}", seharusnya 1 (pria) atau 2 (wanita)`,
    );
  }

  const serial = nip.slice(15, 18);
  if (serial === '000') {
    fail(
      nip,
      'serial',
      'digits 16-18 (serial number) are "000" but must be 001-999',
      'angka ke-16 sampai ke-18 (nomor urut) adalah "000", seharusnya 001-999',
    );
  }

  return {
    birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
    appointment: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
    gender: genderDigit === '1' ? 'male' : 'female',
    serial,
  };
}

/** True when {@link parseNip} accepts the string. */
export function isWellFormedNip(nip: string): boolean {
  try {
    parseNip(nip);
    return true;
  } catch (error) {
    if (error instanceof InvalidNipError) return false;
    throw error;
  }
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function fail(nip: string, part: NipPart, problem: string, problemId: string): never {
  throw new InvalidNipError(
    nip,
    part,
    `NIP "${nip}" is not valid: ${problem}.`,
    `NIP "${nip}" tidak sah: ${problemId}.`,
  );
}

/*
 * xAPI timestamps: ISO 8601 date-times in extended notation, as RFC 3339
 * profiles them. Both xAPI 1.0.3 (Data 4.5) and 2.0 forbid the "unknown
 * local offset" notations -00, -0000 and -00:00, which RFC 3339 reserves for
 * a time whose zone is unknown. A basic-notation offset such as +0700 is
 * refused too: ISO 8601 does not mix it with an extended date and time.
 */

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::(\d{2}))?)?$/;

const MINUTES_PER_DAY = 24 * 60;
/** The instants whose UTC year has four digits, the span an xAPI 2.0 answer can write. */
const EARLIEST = new Date(0).setUTCFullYear(0, 0, 1);
const LATEST = new Date(0).setUTCFullYear(9999, 11, 31) + (MINUTES_PER_DAY * 60 - 1) * 1000;

interface ParsedTimestamp {
  /** Milliseconds since the epoch, of the whole seconds. */
  wholeSeconds: number;
  /** The fraction of a second as written, without the dot ('' when none). */
  fraction: string;
}

function parse(value: string): ParsedTimestamp | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zulu, sign, offsetHours, offsetMinutes] =
    match as unknown as (string | undefined)[];
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) return undefined;
  let offset = 0;
  if (sign !== undefined && zulu === undefined) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes ?? '0');
    if (oh > 23 || om > 59) return undefined;
    if (sign === '-' && oh === 0 && om === 0) return undefined;
    offset = (sign === '+' ? 1 : -1) * (oh * 60 + om);
  }
  // A leap second is only ever inserted at 23:59:60 UTC; it is carried into the next minute.
  const utcMinuteOfDay = (((h * 60 + mi - offset) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  if (s === 60 && utcMinuteOfDay !== MINUTES_PER_DAY - 1) return undefined;
  // setUTCFullYear, unlike Date.UTC, keeps years 0 to 99 as written.
  const wholeSeconds = new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi - offset) * 60 + s) * 1000;
  // The instant must have a four-digit year in UTC too, where xAPI 2.0 returns it.
  if (wholeSeconds < EARLIEST || wholeSeconds > LATEST) return undefined;
  return { wholeSeconds, fraction };
}

function daysInMonth(year: number, month: number): number {
  return new Date(new Date(0).setUTCFullYear(year, month, 0)).getUTCDate();
}

/**
 * Whether `value` is a timestamp xAPI accepts. A timestamp without a zone is
 * accepted and read as UTC.
 *
 * @example
 * isXapiTimestamp('2026-12-01T08:00:00.123+07:00'); // true
 * isXapiTimestamp('2026-12-01T08:00:00-00:00');     // false
 */
export function isXapiTimestamp(value: string): boolean {
  return parse(value) !== undefined;
}

/**
 * The same instant in UTC ("Z"), keeping every digit of the fraction the
 * sender gave: xAPI 2.0 asks an LRS to store and return timestamps in UTC.
 *
 * @example
 * toUtcTimestamp('2023-05-04T12:00:00.5-05:00'); // '2023-05-04T17:00:00.5Z'
 */
export function toUtcTimestamp(value: string): string {
  const parsed = parse(value);
  if (!parsed) throw new RangeError(`"${value}" is not an xAPI timestamp`);
  const whole = new Date(parsed.wholeSeconds).toISOString().slice(0, 19);
  return `${whole}${parsed.fraction ? `.${parsed.fraction}` : ''}Z`;
}

/**
 * The instant as `Date#toISOString` writes it (millisecond precision), the
 * form stored for ordering and comparison.
 */
export function instantOf(value: string): string {
  const parsed = parse(value);
  if (!parsed) throw new RangeError(`"${value}" is not an xAPI timestamp`);
  const millis = Number(parsed.fraction.padEnd(3, '0').slice(0, 3));
  return new Date(parsed.wholeSeconds + millis).toISOString();
}

/*
 * xAPI timestamps: ISO 8601 date-times in extended notation, as RFC 3339
 * profiles them. Both xAPI 1.0.3 (Data 4.5) and 2.0 forbid the "unknown
 * local offset" notations -00, -0000 and -00:00, which RFC 3339 reserves for
 * a time whose zone is unknown.
 */

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

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
  // A leap second (:60) is carried into the next minute.
  const wholeSeconds = Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000;
  return { wholeSeconds, fraction };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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

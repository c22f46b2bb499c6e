import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/**
 * The unit's progress state as SCORM `cmi.suspend_data` holds it. SCORM 1.2
 * allows 4,096 characters (CMIString4096, RTE 3.4.2), SCORM 2004 64,000
 * (RTE 4.2.23), so a state is stored LZ-compressed in URI-safe ASCII when
 * that is shorter. The first character tells how: `z` compressed, `p` plain.
 * A value without either mark was written by something else and is returned
 * as it is.
 */

const COMPRESSED = 'z';
const PLAIN = 'p';

/** The longest suspend_data each SCORM version must accept. */
export const SUSPEND_DATA_LIMIT = { scorm12: 4096, scorm2004: 64_000 } as const;

/**
 * The shorter of the compressed and the plain form of `state`, or null when
 * even that is longer than `limit` characters.
 *
 * @example
 * encodeSuspendData(JSON.stringify(progress), SUSPEND_DATA_LIMIT.scorm12) // "zN4Ig…" or null
 */
export function encodeSuspendData(state: string, limit: number): string | null {
  const compressed = COMPRESSED + compressToEncodedURIComponent(state);
  const plain = PLAIN + state;
  const shorter = compressed.length < plain.length ? compressed : plain;
  return shorter.length <= limit ? shorter : null;
}

/** The state stored by {@link encodeSuspendData}; null for an empty value or one that does not decompress. */
export function decodeSuspendData(stored: string): string | null {
  if (stored === '') return null;
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
  if (stored.startsWith(COMPRESSED)) {
    // lz-string answers null or "" for input it did not produce.
    const state = decompressFromEncodedURIComponent(stored.slice(COMPRESSED.length));
    return state ? state : null;
  }
  return stored;
}

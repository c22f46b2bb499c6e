/**
 * JSON text that is the same for equal values whatever the order of their
 * object keys, so two documents can be compared as strings.
 *
 * @example
 * canonicalJson({ b: 1, a: [true] }) === canonicalJson({ a: [true], b: 1 }); // true
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

import { closestMatch } from 'leven';

/**
 * The name (of a field, a material) an author most likely meant by the
 * unknown `key`: one of `candidates` a typo or two away (case aside), or
 * undefined when none is that close. Short names allow one edit only, so
 * "id" never becomes "en".
 */
export function likelyMeant(key: string, candidates: readonly string[]): string | undefined {
  const lower = candidates.map((candidate) => candidate.toLowerCase());
  const match = closestMatch(key.toLowerCase(), lower, { maxDistance: key.length <= 4 ? 1 : 2 });
  return match === undefined ? undefined : candidates[lower.indexOf(match)];
}

/**
 * `"x" is not a material of this course`, followed by the material meant
 * when `material` is a typo of one, or else the list to choose from.
 */
export function notAMaterial(material: string, materialIds: ReadonlySet<string>): string {
  const meant = likelyMeant(material, [...materialIds]);
  if (meant !== undefined) return `"${material}" is not a material of this course — did you mean "${meant}"?`;
  const declared = [...materialIds].join(', ') || '(none declared)';
  return `"${material}" is not a material of this course; use one of ${declared}`;
}

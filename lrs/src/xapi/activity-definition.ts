/*
 * The canonical definition of an activity, as the Activities resource returns
 * it: everything the stored statements said about the activity, folded
 * together in the order they were stored (xAPI 1.0.3 Communication 2.5).
 */

type Json = Record<string, unknown>;

/** An activity a statement mentions together with the definition it gives. */
export interface DefinedActivity {
  id: string;
  definition: Json;
}

/** Definition properties that are language maps: merged language by language. */
const LANGUAGE_MAPS = ['name', 'description'] as const;

/**
 * Every activity with a definition that a statement mentions: its object,
 * its context activities, and those of a sub-statement, in that order.
 *
 * @example
 * definedActivities({ object: { id: 'https://example.org/a', definition: { name: { en: 'A' } } } });
 * // [{ id: 'https://example.org/a', definition: { name: { en: 'A' } } }]
 */
export function definedActivities(statement: Json): DefinedActivity[] {
  const found: DefinedActivity[] = [];
  const object = statement.object as Json | undefined;
  if (object !== undefined) {
    const objectType = object.objectType ?? 'Activity';
    if (objectType === 'Activity') found.push(...withDefinition(object));
    if (objectType === 'SubStatement') found.push(...definedActivities(object));
  }
  const contextActivities = (statement.context as Json | undefined)?.contextActivities as
    | Json
    | undefined;
  for (const list of Object.values(contextActivities ?? {})) {
    for (const activity of ([] as Json[]).concat(list as Json[])) {
      found.push(...withDefinition(activity));
    }
  }
  return found;
}

function withDefinition(activity: Json): DefinedActivity[] {
  const { id, definition } = activity;
  if (typeof id !== 'string' || typeof definition !== 'object' || definition === null) return [];
  return [{ id, definition: definition as Json }];
}

/**
 * Folds a newly stored definition into the known one. Language maps and
 * extensions keep every language and key either side gave, the newer value
 * winning a clash (two statements describing one activity in two languages
 * yield both); any other property is taken whole from the newer definition.
 */
export function mergeDefinition(known: Json | undefined, incoming: Json): Json {
  if (known === undefined) return structuredClone(incoming);
  const merged: Json = { ...structuredClone(known), ...structuredClone(incoming) };
  for (const property of [...LANGUAGE_MAPS, 'extensions']) {
    const before = known[property] as Json | undefined;
    const after = incoming[property] as Json | undefined;
    if (before !== undefined && after !== undefined) {
      merged[property] = { ...structuredClone(before), ...structuredClone(after) };
    }
  }
  return merged;
}

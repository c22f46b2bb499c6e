/*
 * The `format` parameter of a statements GET (Communication 2.1.3): `exact`
 * returns statements as stored, `ids` keeps only what identifies each agent,
 * group, activity and verb, and `canonical` gives activities the LRS's
 * canonical definition and every language map one language, chosen from the
 * request's Accept-Language.
 */

import type { StatementJson } from './model';

type Json = Record<string, unknown>;

export type StatementFormat = 'ids' | 'exact' | 'canonical';

/** Chooses one of a language map's tags, or undefined to keep the map as it is. */
export type LanguagePicker = (tags: string[]) => string | undefined;

/** What the canonical format needs besides the statement. */
export interface CanonicalSources {
  pickLanguage: LanguagePicker;
  /** The LRS's canonical definition of each activity, by id, where it has one. */
  definitions: ReadonlyMap<string, Json>;
}

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/**
 * The `ids` form of a statement: agents and identified groups reduced to
 * their identifier, anonymous groups to their members' identifiers,
 * activities and verbs to their ids.
 *
 * @example
 * idsFormat({ actor: { name: 'Ani', mbox: 'mailto:ani@example.org' }, verb: { id: 'v', display: { en: 'did' } },
 *   object: { objectType: 'Activity', id: 'https://example.org/a', definition: {} } });
 * // { actor: { mbox: 'mailto:ani@example.org' }, verb: { id: 'v' }, object: { id: 'https://example.org/a' } }
 */
export function idsFormat(statement: StatementJson): StatementJson {
  const copy: Json = structuredClone(statement);
  copy.actor = agentIds(copy.actor as Json);
  if (copy.authority) copy.authority = agentIds(copy.authority as Json);
  copy.verb = { id: (copy.verb as Json).id };
  copy.object = objectIds(copy.object as Json);
  if (copy.context) copy.context = contextIds(copy.context as Json);
  return copy;
}

function agentIds(agent: Json): Json {
  const reduced: Json = {};
  if (agent.objectType) reduced.objectType = agent.objectType;
  const identified = IFI_KEYS.filter((key) => agent[key] !== undefined);
  for (const key of identified) reduced[key] = agent[key];
  // Only an anonymous group needs its members to be told apart.
  if (identified.length === 0 && Array.isArray(agent.member)) {
    reduced.member = (agent.member as Json[]).map(agentIds);
  }
  return reduced;
}

function objectIds(object: Json): Json {
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') return { id: object.id };
  if (type === 'Agent' || type === 'Group') return agentIds(object);
  if (type === 'SubStatement') {
    const sub: Json = {
      ...object,
      actor: agentIds(object.actor as Json),
      verb: { id: (object.verb as Json).id },
      object: objectIds(object.object as Json),
    };
    if (object.context) sub.context = contextIds(object.context as Json);
    return sub;
  }
  return object;
}

function contextIds(context: Json): Json {
  const copy: Json = { ...context };
  if (copy.instructor) copy.instructor = agentIds(copy.instructor as Json);
  if (copy.team) copy.team = agentIds(copy.team as Json);
  if (Array.isArray(copy.contextAgents)) {
    copy.contextAgents = (copy.contextAgents as Json[]).map((entry) => ({
      ...entry,
      agent: agentIds(entry.agent as Json),
    }));
  }
  if (Array.isArray(copy.contextGroups)) {
    copy.contextGroups = (copy.contextGroups as Json[]).map((entry) => ({
      ...entry,
      group: agentIds(entry.group as Json),
    }));
  }
  const activities = copy.contextActivities as Record<string, Json[]> | undefined;
  if (activities) {
    copy.contextActivities = Object.fromEntries(
      Object.entries(activities).map(([kind, list]) => [kind, list.map((activity) => ({ id: activity.id }))]),
    );
  }
  return copy;
}

/**
 * Every activity id whose definition the canonical form of `statement`
 * shows: its object, its context activities, and those of a sub-statement.
 */
export function activityIdsOf(statement: StatementJson): string[] {
  const ids: string[] = [];
  forEachActivity(statement, (activity) => ids.push(activity.id as string));
  return ids;
}

/**
 * The `canonical` form of a statement: each activity carries the LRS's
 * canonical definition (its own where the LRS has none), and the verb's
 * display and every language map of an activity keep one language.
 */
export function canonicalFormat(statement: StatementJson, sources: CanonicalSources): StatementJson {
  const copy: Json = structuredClone(statement);
  const single = (map: unknown): unknown => oneLanguage(map, sources.pickLanguage);
  forEachActivity(copy, (activity) => {
    const canonical = sources.definitions.get(activity.id as string);
    const definition = structuredClone(canonical ?? (activity.definition as Json | undefined));
    if (definition === undefined) return;
    for (const key of ['name', 'description']) {
      if (definition[key] !== undefined) definition[key] = single(definition[key]);
    }
    for (const key of ['choices', 'scale', 'source', 'target', 'steps']) {
      const components = definition[key] as Json[] | undefined;
      for (const component of components ?? []) {
        if (component.description !== undefined) component.description = single(component.description);
      }
    }
    activity.definition = definition;
  });
  forEachVerb(copy, (verb) => {
    if (verb.display !== undefined) verb.display = single(verb.display);
  });
  return copy;
}

function oneLanguage(map: unknown, pickLanguage: LanguagePicker): unknown {
  const languages = map as Record<string, string>;
  const tags = Object.keys(languages);
  if (tags.length <= 1) return map;
  const chosen = pickLanguage(tags) ?? (tags[0] as string);
  return { [chosen]: languages[chosen] };
}

function forEachActivity(statement: Json, visit: (activity: Json) => void): void {
  const object = statement.object as Json;
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') visit(object);
  const activities = (statement.context as Json | undefined)?.contextActivities as Json | undefined;
  for (const list of Object.values(activities ?? {})) {
    for (const activity of ([] as Json[]).concat(list as Json[])) visit(activity);
  }
  if (type === 'SubStatement') forEachActivity(object, visit);
}

function forEachVerb(statement: Json, visit: (verb: Json) => void): void {
  visit(statement.verb as Json);
  const object = statement.object as Json;
  if (object.objectType === 'SubStatement') visit(object.verb as Json);
}

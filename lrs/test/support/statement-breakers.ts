/*
 * Ways to break a valid statement in exactly one place, each answering the
 * broken statement and the JSON path of the property the LRS must name in
 * its refusal (relative to the statement, e.g. `actor.member[0].mbox`).
 */

import fc from 'fast-check';
import type { XapiVersion } from '../../src/xapi/version';
import { iri, mbox, uuid, validStatement, type Json } from './statement-arbitraries';

export interface Breakage {
  statement: Json;
  /** Path of the offending property, e.g. `context.registration`. */
  path: string;
}

type Segment = string | number;

/** A place in a statement: its path and the value there. */
interface Slot {
  path: Segment[];
  value: unknown;
  /** The object or array holding the value. */
  parent: unknown;
}

/** Renders a path the way the LRS names properties: `a.b[0].c`. */
function pathText(path: readonly Segment[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

/** Every value of a statement but the statement itself and what lies inside extensions. */
function slots(statement: Json): Slot[] {
  const found: Slot[] = [];
  const visit = (value: unknown, path: Segment[], parent: unknown) => {
    if (path.length > 0) found.push({ path, value, parent });
    if (path.at(-1) === 'extensions' || typeof value !== 'object' || value === null) return;
    const entries: [Segment, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    for (const [key, item] of entries) visit(item, [...path, key], value);
  };
  visit(statement, [], undefined);
  return found;
}

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (slot: Slot) => pathText(slot.path);
const isLanguageMap = (slot: Slot) =>
  isObject(slot.value) && /(^|\.)(display|description)$|definition\.name$/.test(text(slot));
const hasIfi = (slot: Slot) => isObject(slot.value) && IFI_KEYS.some((key) => key in (slot.value as Json));
const objectTypeOf = (value: unknown) => (isObject(value) ? value.objectType : undefined);

function at(statement: Json, path: readonly Segment[], value: unknown): Json {
  const copy = structuredClone(statement);
  let node: Record<Segment, unknown> = copy;
  for (const part of path.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<Segment, unknown>;
  }
  node[path.at(-1) as Segment] = value;
  return copy;
}

/** Breakages at any of `candidates`, each by a value from `bad(slot)`. */
function breakAt(statement: Json, candidates: Slot[], bad: (slot: Slot) => fc.Arbitrary<unknown>): fc.Arbitrary<Breakage> {
  return fc
    .constantFrom(...candidates)
    .chain((slot) => bad(slot).map((value) => ({ statement: at(statement, slot.path, value), path: text(slot) })));
}

/** The statement itself and, when the object is a sub-statement, that too: the two that carry results, contexts and timestamps. */
function owners(statement: Json): Segment[][] {
  return objectTypeOf(statement.object) === 'SubStatement' ? [[], ['object']] : [[]];
}

const ownerSlot = (statement: Json): fc.Arbitrary<Segment[]> => fc.constantFrom(...owners(statement));

function wrongType(statement: Json): fc.Arbitrary<Breakage> {
  const replacement = (value: unknown): fc.Arbitrary<unknown> => {
    if (typeof value === 'string') return fc.constantFrom(42, true, null, { id: 'x' }, ['x']);
    if (typeof value === 'number') return fc.constantFrom('1', true, null);
    if (typeof value === 'boolean') return fc.constantFrom('true', 1, null);
    if (Array.isArray(value)) return fc.constantFrom('x', 7, null);
    return fc.constantFrom('x', 7, false, null);
  };
  return breakAt(statement, slots(statement), (slot) => replacement(slot.value));
}

function unknownProperty(statement: Json): fc.Arbitrary<Breakage> {
  const candidates: Slot[] = [
    { path: [], value: statement, parent: undefined },
    ...slots(statement).filter((slot) => isObject(slot.value) && !isLanguageMap(slot) && slot.path.at(-1) !== 'extensions'),
  ];
  return fc.constantFrom(...candidates).map((slot) => ({
    statement: at(statement, [...slot.path, 'unexpected_property'], 'x'),
    path: pathText([...slot.path, 'unexpected_property']),
  }));
}

const BAD_IRIS = [
  'not an iri',
  'example.org/verbs/done',
  'http://example.org/a b',
  'http://example.org/<tag>',
  'http://example.org/%zz',
  'http://example.org/"quoted"',
  '1http://example.org/',
  '://example.org/',
  '',
];

/** Is the value at this slot an IRI (or the URI of an openid)? */
function isIriSlot(slot: Slot): boolean {
  if (typeof slot.value !== 'string') return false;
  const path = text(slot);
  if (/(^|\.)(homePage|usageType|fileUrl|openid)$|definition\.(type|moreInfo)$|relevantTypes\[\d+\]$|(^|\.)verb\.id$/.test(path)) return true;
  // An activity's id: the statement's or sub-statement's object, or a context activity.
  if (/contextActivities\.\w+(\[\d+\])?\.id$/.test(path)) return true;
  return /(^|\.)object\.id$/.test(path) && [undefined, 'Activity'].includes(objectTypeOf(slot.parent) as string | undefined);
}

function invalidIri(statement: Json): fc.Arbitrary<Breakage> {
  const values = breakAt(statement, slots(statement).filter(isIriSlot), () => fc.constantFrom(...BAD_IRIS));
  // An extension's key is an IRI too; the LRS names the key.
  const extensionMaps = slots(statement).filter((slot) => slot.path.at(-1) === 'extensions' && isObject(slot.value));
  const keys = fc.constantFrom<Segment[]>(['result', 'extensions'], ...extensionMaps.map((slot) => slot.path)).chain((path) =>
    fc.constantFrom(...BAD_IRIS.filter(Boolean)).map((bad) => ({
      statement: at(statement, [...path, bad], 1),
      path: `${pathText(path)}[${JSON.stringify(bad)}]`,
    })),
  );
  return fc.oneof(values, keys);
}

const BAD_TAGS = ['not a tag', 'en_US', 'e', 'a-DE', 'en-a', 'de-419-DE', 'en-US-x', 'abcdefghi', 'en--US', 'en-', '12-US', '-en'];

function invalidLanguageTag(statement: Json): fc.Arbitrary<Breakage> {
  const maps = [{ path: ['verb', 'display'] as Segment[] }, ...slots(statement).filter(isLanguageMap)];
  const inMap = fc
    .tuple(fc.constantFrom(...maps), fc.constantFrom(...BAD_TAGS))
    .map(([slot, tag]) => ({ statement: at(statement, [...slot.path, tag], 'x'), path: `${pathText(slot.path)}[${JSON.stringify(tag)}]` }));
  const contextLanguage = fc
    .tuple(ownerSlot(statement), fc.constantFrom(...BAD_TAGS))
    .map(([owner, tag]) => ({ statement: at(statement, [...owner, 'context', 'language'], tag), path: pathText([...owner, 'context', 'language']) }));
  return fc.oneof(inMap, contextLanguage);
}

const BAD_TIMESTAMPS = [
  '2026-12-01T08:00:00+24:00',
  '2026-12-01T08:00:00-00:00',
  '2026-12-01T08:00:00-00',
  '2026-12-01T08:00:00-0000',
  '2026-12-01T08:00:00+0700',
  '2026-12-01T08:00:00+7:00',
  '2026-12-01T08:00:00+07:60',
  '2026-12-01T08:00:00+23:59:59',
  '2026-12-01T24:00:00Z',
  '2026-12-01T08:60:00Z',
  '2026-12-01T08:00:61Z',
  '2026-12-01T08:00:60Z',
  '2026-02-30T08:00:00Z',
  '2026-13-01T08:00:00Z',
  '2026-12-01T08:00:00.Z',
  '2026-12-01T08:00:00ZZ',
  '2026-12-01T08:00:00Z+07:00',
  '2026-12-01 08:00:00Z',
  '2026-12-01',
  '01/12/2026 08:00',
  'yesterday',
  '0000-01-01T00:00:00+01:00',
];

/** Timestamps with an offset whose hours or minutes are out of range. */
const oddOffsets = fc
  .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .filter(([, hours, minutes]) => hours > 23 || minutes > 59)
  .map(([sign, hours, minutes]) => `2026-12-01T08:00:00${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`);

function oddTimestamp(statement: Json): fc.Arbitrary<Breakage> {
  return fc
    .tuple(ownerSlot(statement), fc.oneof(fc.constantFrom(...BAD_TIMESTAMPS), oddOffsets))
    .map(([owner, bad]) => ({ statement: at(statement, [...owner, 'timestamp'], bad), path: pathText([...owner, 'timestamp']) }));
}

const beyond = (limit: number, direction: 1 | -1) =>
  fc.double({ noNaN: true, noDefaultInfinity: true, ...(direction > 0 ? { min: limit, minExcluded: true, max: 1e12 } : { max: limit, maxExcluded: true, min: -1e12 }) });

function scoreOutOfRange(statement: Json): fc.Arbitrary<Breakage> {
  const scaled = fc
    .tuple(ownerSlot(statement), fc.oneof(beyond(1, 1), beyond(-1, -1)))
    .map(([owner, value]) => ({ statement: at(statement, [...owner, 'result', 'score'], { scaled: value }), path: pathText([...owner, 'result', 'score', 'scaled']) }));
  const raw = fc
    .tuple(ownerSlot(statement), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.boolean())
    .chain(([owner, min, span, above]) =>
      (above ? beyond(min + span, 1) : beyond(min, -1)).map((value) => ({
        statement: at(statement, [...owner, 'result', 'score'], { raw: value, min, max: min + span }),
        path: pathText([...owner, 'result', 'score', 'raw']),
      })),
    );
  const bounds = fc
    .tuple(ownerSlot(statement), fc.integer({ min: -1000, max: 1000 }), fc.nat({ max: 1000 }))
    .map(([owner, max, gap]) => ({
      statement: at(statement, [...owner, 'result', 'score'], { min: max + gap, max }),
      path: pathText([...owner, 'result', 'score', 'min']),
    }));
  return fc.oneof(scaled, raw, bounds);
}

const otherIfi: Record<string, fc.Arbitrary<Json>> = {
  mbox: fc.constant({ mbox_sha1sum: 'a'.repeat(40) }),
  mbox_sha1sum: mbox.map((value) => ({ mbox: value })),
  openid: fc.record({ homePage: iri, name: fc.constant('ani') }).map((account) => ({ account })),
  account: fc.constant({ openid: 'https://openid.example.org/ani' }),
};

function twoIfis(statement: Json): fc.Arbitrary<Breakage> {
  const agents = slots(statement).filter(hasIfi);
  return fc.constantFrom(...agents).chain((slot) => {
    const current = IFI_KEYS.find((key) => key in (slot.value as Json)) as string;
    return (otherIfi[current] as fc.Arbitrary<Json>).map((second) => ({
      statement: at(statement, slot.path, { ...(slot.value as Json), ...second }),
      path: text(slot),
    }));
  });
}

const BAD_MBOXES = [
  'ani@example.org',
  'mailto:',
  'mailto:ani',
  'mailto:ani@',
  'mailto:@example.org',
  'mailto:ani@@example.org',
  'mailto:ani budi@example.org',
  'mailto:<ani@example.org>',
  'mailto:ani@example.org,budi@example.org',
  'http://ani@example.org',
];

function badMbox(statement: Json): fc.Arbitrary<Breakage> {
  const agents = slots(statement).filter(hasIfi);
  return fc.tuple(fc.constantFrom(...agents), fc.constantFrom(...BAD_MBOXES)).map(([slot, bad]) => {
    const rest = Object.fromEntries(Object.entries(slot.value as Json).filter(([key]) => !IFI_KEYS.includes(key)));
    return { statement: at(statement, slot.path, { ...rest, mbox: bad }), path: `${text(slot)}.mbox` };
  });
}

function badUuid(statement: Json): fc.Arbitrary<Breakage> {
  const places: Segment[][] = [['id'], ['context', 'registration'], ['context', 'statement', 'id']];
  for (const slot of slots(statement)) {
    if (objectTypeOf(slot.value) === 'StatementRef') places.push([...slot.path, 'id']);
  }
  const bad = uuid.chain((valid) =>
    fc.constantFrom('not-a-uuid', `urn:uuid:${valid}`, valid.replaceAll('-', ''), `${valid}0`, `{${valid}}`, `${valid.slice(0, -1)}g`, ''),
  );
  return fc.tuple(fc.constantFrom(...places), bad).map(([path, value]) => {
    // A context statement needs its objectType to be judged on its id alone.
    const base = path[1] === 'statement' ? at(statement, ['context', 'statement', 'objectType'], 'StatementRef') : statement;
    return { statement: at(base, path, value), path: pathText(path) };
  });
}

const BAD_DURATIONS = ['PT', 'P', '1H', 'PT1H2', 'P1S', 'PT-1S', 'P-1D', 'P1.5Y2M', 'PT1.5H30M', 'PT1H 30M', 'P1M2Y', 'PT1.S', 'P.5D', 'pt1h', '', '1:30:00', 'P1Y2M3DT', 'PT1H30M0.5'];

function durationGarbage(statement: Json): fc.Arbitrary<Breakage> {
  return fc
    .tuple(ownerSlot(statement), fc.constantFrom(...BAD_DURATIONS))
    .map(([owner, bad]) => ({ statement: at(statement, [...owner, 'result', 'duration'], bad), path: pathText([...owner, 'result', 'duration']) }));
}

/** A way to break a statement, and what the LRS's explanation of the fault must say. */
interface Breaker {
  breaks: (statement: Json) => fc.Arbitrary<Breakage>;
  says: RegExp;
}

/** The ways to break a statement, by the name tests give them. */
export const BREAKERS = {
  'a value of the wrong type': { breaks: wrongType, says: /^must be / },
  'a property xAPI does not define': { breaks: unknownProperty, says: /^is not a property xAPI allows here$/ },
  'an invalid IRI': { breaks: invalidIri, says: /^must be an absolute (IRI|URI)/ },
  'an invalid language tag': { breaks: invalidLanguageTag, says: /^must be a BCP 47 language tag/ },
  'a timestamp with an odd offset or field': { breaks: oddTimestamp, says: /^must be an ISO 8601 date-time/ },
  'a score out of range': { breaks: scoreOutOfRange, says: /^must (be [<>]= -?1|not be (below min|above max)|be less than max)$/ },
  'an agent with two identifiers': { breaks: twoIfis, says: /needs exactly one of mbox, mbox_sha1sum, openid or account/ },
  'a bad mbox': { breaks: badMbox, says: /^must be a mailto: IRI of one e-mail address/ },
  'a bad UUID': { breaks: badUuid, says: /^must be a UUID$/ },
  'a garbage duration': { breaks: durationGarbage, says: /^must be an ISO 8601 duration/ },
} satisfies Record<string, Breaker>;

export type BreakerName = keyof typeof BREAKERS;

/** Valid statements under `version`, each broken in one place the way `name` says. */
export function brokenStatement(version: XapiVersion, name: BreakerName): fc.Arbitrary<Breakage> {
  return fc.tuple(validStatement(version), uuid).chain(([statement, id]) => BREAKERS[name].breaks({ id, ...statement }));
}

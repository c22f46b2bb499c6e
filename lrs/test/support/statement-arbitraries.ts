/*
 * fast-check arbitraries of statements valid under xAPI 1.0.3 or 2.0: every
 * kind of actor and object, language maps under well-formed BCP 47 tags,
 * interaction activities, scores in range, ISO 8601 durations, timestamps
 * with any legal offset, sub-statements and statement references.
 */

import fc from 'fast-check';
import type { XapiVersion } from '../../src/xapi/version';

export type Json = Record<string, unknown>;

/** Free text, sometimes with any UTF-16 code unit (lone surrogates included). */
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,10}$/);

/** Absolute IRIs: web addresses, URNs, tag URIs and IRIs with non-ASCII characters. */
export const iri: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('http', 'https'), fc.domain(), fc.array(segment, { maxLength: 3 })).map(
    ([scheme, host, path]) => `${scheme}://${host}/${path.join('/')}`,
  ) },
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(word, word).map(([nid, nss]) => `urn:${nid}:${nss}`),
  fc.tuple(word, fc.constantFrom('ujian', 'materi', 'ü', '研修', 'é')).map(
    ([name, unicode]) => `https://pelatihan.contoh.id/${unicode}/${name}?bahasa=id#bagian-${unicode}`,
  ),
  word.map((name) => `tag:smart-training.id,2026:${name}`),
);

/** Well-formed BCP 47 (RFC 5646) tags, in their conventional case. */
const languageTag: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.stringMatching(/^[a-z]{2,3}$/),
      fc.option(fc.constantFrom('Latn', 'Hant', 'Cyrl')),
      fc.option(fc.oneof(fc.stringMatching(/^[A-Z]{2}$/), fc.stringMatching(/^[0-9]{3}$/))),
      fc.option(fc.oneof(fc.stringMatching(/^[a-z0-9]{5,8}$/), fc.stringMatching(/^[0-9][a-z0-9]{3}$/))),
      fc.option(fc.stringMatching(/^[a-z0-9]{1,8}$/)),
    )
    .map(([language, script, region, variant, privateUse]) =>
      [language, script, region, variant, privateUse === null ? null : `x-${privateUse}`].filter((part) => part !== null).join('-'),
    ),
  fc.constantFrom('en-US', 'id-ID', 'x-smart', 'i-klingon', 'en-GB-oed', 'zh-Hant-TW', 'es-419', 'de-CH-1901', 'en-US-u-ca-gregory'),
);

const languageMap = fc.dictionary(languageTag, text, { maxKeys: 3 });

/** Extensions: IRI keys, any JSON values. */
const extensions = fc.dictionary(iri, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 });

export const uuid = fc.uuid();
const sha1 = fc.stringMatching(/^[0-9a-f]{40}$/);
const sha256 = fc.stringMatching(/^[0-9a-f]{64}$/);
export const mbox = fc.emailAddress().map((address) => `mailto:${address}`);

/** One inverse functional identifier, of any of the four kinds. */
const ifi: fc.Arbitrary<Json> = fc.oneof(
  mbox.map((value) => ({ mbox: value })),
  sha1.map((value) => ({ mbox_sha1sum: value })),
  fc.webUrl().map((value) => ({ openid: value })),
  fc.record({ homePage: iri, name: fc.string({ minLength: 1, maxLength: 12 }) }).map((account) => ({ account })),
);

const agent: fc.Arbitrary<Json> = fc
  .tuple(fc.record({ objectType: fc.constant('Agent'), name: text }, { requiredKeys: [] }), ifi)
  .map(([base, id]) => ({ ...base, ...id }));

const identifiedGroup = fc
  .tuple(fc.record({ name: text, member: fc.array(agent, { maxLength: 3 }) }, { requiredKeys: [] }), ifi)
  .map(([base, id]) => ({ objectType: 'Group', ...base, ...id }));

const anonymousGroup = fc
  .record({ name: text, member: fc.array(agent, { minLength: 1, maxLength: 3 }) }, { requiredKeys: ['member'] })
  .map((group) => ({ objectType: 'Group', ...group }));

const group = fc.oneof(identifiedGroup, anonymousGroup);
/** An agent as the object of a statement, where its objectType is required (Data 2.4.4.2). */
const objectAgent = agent.map((value) => ({ ...value, objectType: 'Agent' }));
export const actor = fc.oneof({ weight: 3, arbitrary: agent }, group);

/** Who vouches for a statement: an agent, or an OAuth consumer and its user as a group of two. */
const authority = fc.oneof(
  agent,
  fc.tuple(agent, agent).map((member) => ({ objectType: 'Group', member })),
);

const verb = fc.record({ id: iri, display: languageMap }, { requiredKeys: ['id'] });

const components = fc.uniqueArray(fc.record({ id: word, description: languageMap }, { requiredKeys: ['id'] }), {
  selector: (component) => component.id,
  minLength: 1,
  maxLength: 4,
});
const responses = fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 });

/** The interaction part of a definition, with the components its type uses (Data 2.4.4.1). */
const interaction: fc.Arbitrary<Json> = fc.oneof(
  fc.record(
    {
      interactionType: fc.constantFrom('true-false', 'fill-in', 'long-fill-in', 'numeric', 'other'),
      correctResponsesPattern: responses,
    },
    { requiredKeys: ['interactionType'] },
  ),
  fc.record(
    { interactionType: fc.constantFrom('choice', 'sequencing'), correctResponsesPattern: responses, choices: components },
    { requiredKeys: ['interactionType'] },
  ),
  fc.record({ interactionType: fc.constant('likert'), correctResponsesPattern: responses, scale: components }, { requiredKeys: ['interactionType'] }),
  fc.record(
    { interactionType: fc.constant('matching'), correctResponsesPattern: responses, source: components, target: components },
    { requiredKeys: ['interactionType'] },
  ),
  fc.record({ interactionType: fc.constant('performance'), correctResponsesPattern: responses, steps: components }, { requiredKeys: ['interactionType'] }),
);

const definition = fc
  .tuple(
    fc.record({ name: languageMap, description: languageMap, type: iri, moreInfo: iri, extensions }, { requiredKeys: [] }),
    fc.option(interaction),
  )
  .map(([base, parts]) => ({ ...base, ...parts }));

const activity: fc.Arbitrary<Json> = fc.record(
  { objectType: fc.constant('Activity'), id: iri, definition },
  { requiredKeys: ['id'] },
);

const statementRef = uuid.map((id) => ({ objectType: 'StatementRef', id }));

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });

/** A score whose raw value lies between its bounds, and whose scaled value lies in [-1, 1]. */
const score: fc.Arbitrary<Json> = fc
  .tuple(finite, finite)
  .filter(([a, b]) => a !== b)
  .chain(([a, b]) => {
    const [min, max] = a < b ? [a, b] : [b, a];
    return fc.record(
      {
        scaled: fc.double({ min: -1, max: 1, noNaN: true }),
        raw: fc.double({ min, max, noNaN: true }),
        min: fc.constant(min),
        max: fc.constant(max),
      },
      { requiredKeys: [] },
    );
  });

const amount = fc.nat({ max: 9999 }).map(String);

/** ISO 8601 durations; only the last component may carry a fraction. */
const duration: fc.Arbitrary<string> = fc.oneof(
  amount.map((weeks) => `P${weeks}W`),
  fc
    .tuple(
      fc.record({ Y: amount, M: amount, D: amount }, { requiredKeys: [] }),
      fc.record({ H: amount, M: amount, S: amount }, { requiredKeys: [] }),
      fc.option(fc.stringMatching(/^[0-9]{1,4}$/)),
    )
    .filter(([date, time]) => Object.keys(date).length + Object.keys(time).length > 0)
    .map(([date, time, fraction]) => {
      const datePart = Object.entries(date).map(([unit, value]) => `${value}${unit}`);
      const timePart = Object.entries(time).map(([unit, value]) => `${value}${unit}`);
      const parts = timePart.length > 0 ? [...datePart, 'T', ...timePart] : datePart;
      if (fraction !== null) {
        const last = parts.length - 1;
        parts[last] = (parts[last] as string).replace(/^(\d+)([A-Z])$/, `$1.${fraction}$2`);
      }
      return `P${parts.join('')}`;
    }),
);

/** Seconds since the epoch of a UTC midnight; unlike Date.UTC, years below 100 stay as given. */
function utcSeconds(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day) / 1000;
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * Timestamps from year 1 to 9998 in any legal notation: Z or z, no zone,
 * +hh:mm or +hh offsets up to ±23:59 (never -00:00), any fraction length.
 */
const timestamp: fc.Arbitrary<string> = fc
  .record({
    // Years below 100 and near 9999 are where date arithmetic most often slips.
    seconds: fc.oneof(
      fc.integer({ min: utcSeconds(1, 0, 2), max: utcSeconds(9998, 11, 30) }),
      fc.integer({ min: utcSeconds(1, 0, 2), max: utcSeconds(200, 0, 1) }),
      fc.integer({ min: utcSeconds(9990, 0, 1), max: utcSeconds(9998, 11, 30) }),
    ),
    offsetMinutes: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
    zone: fc.constantFrom('Z', 'z', 'none', 'hh:mm', 'hh'),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/)),
    separator: fc.constantFrom('T', 't'),
  })
  .map(({ seconds, offsetMinutes, zone, fraction, separator }) => {
    const minutes = zone === 'hh:mm' ? offsetMinutes : zone === 'hh' ? Math.trunc(offsetMinutes / 60) * 60 : 0;
    const local = new Date((seconds + minutes * 60) * 1000);
    const date = `${String(local.getUTCFullYear()).padStart(4, '0')}-${twoDigits(local.getUTCMonth() + 1)}-${twoDigits(local.getUTCDate())}`;
    const time = `${twoDigits(local.getUTCHours())}:${twoDigits(local.getUTCMinutes())}:${twoDigits(local.getUTCSeconds())}`;
    const sign = minutes < 0 ? '-' : '+';
    const hours = twoDigits(Math.trunc(Math.abs(minutes) / 60));
    const zoneText =
      zone === 'Z' || zone === 'z'
        ? zone
        : zone === 'none'
          ? ''
          : zone === 'hh'
            ? `${sign}${hours}`
            : `${sign}${hours}:${twoDigits(Math.abs(minutes) % 60)}`;
    return `${date}${separator}${time}${fraction === null ? '' : `.${fraction}`}${zoneText}`;
  });

const oneOrMoreActivities = fc.oneof(activity, fc.array(activity, { maxLength: 2 }));

function contextArbitrary(version: XapiVersion, objectIsActivity: boolean): fc.Arbitrary<Json> {
  const relevantTypes = fc.array(iri, { minLength: 1, maxLength: 2 });
  return fc.record(
    {
      registration: uuid,
      instructor: actor,
      team: group,
      contextActivities: fc.record(
        { parent: oneOrMoreActivities, grouping: oneOrMoreActivities, category: oneOrMoreActivities, other: oneOrMoreActivities },
        { requiredKeys: [] },
      ),
      // Revision and platform are only for statements about activities (Data 2.4.6).
      ...(objectIsActivity ? { revision: text, platform: text } : {}),
      language: languageTag,
      statement: statementRef,
      extensions,
      ...(version === '2.0.0'
        ? {
            contextAgents: fc.array(
              fc.record({ objectType: fc.constant('contextAgent'), agent, relevantTypes }, { requiredKeys: ['objectType', 'agent'] }),
              { minLength: 1, maxLength: 2 },
            ),
            contextGroups: fc.array(
              fc.record({ objectType: fc.constant('contextGroup'), group, relevantTypes }, { requiredKeys: ['objectType', 'group'] }),
              { minLength: 1, maxLength: 2 },
            ),
          }
        : {}),
    },
    { requiredKeys: [] },
  );
}

const result = fc.record(
  { score, success: fc.boolean(), completion: fc.boolean(), response: text, duration, extensions },
  { requiredKeys: [] },
);

/** Attachments that point at their data by fileUrl, so that they need no multipart part. */
const attachments = fc.array(
  fc.record(
    {
      usageType: iri,
      display: languageMap,
      description: languageMap,
      contentType: fc.constantFrom('text/plain', 'application/pdf', 'image/png'),
      length: fc.nat(),
      sha2: sha256,
      fileUrl: iri,
    },
    { requiredKeys: ['usageType', 'display', 'contentType', 'length', 'sha2', 'fileUrl'] },
  ),
  { minLength: 1, maxLength: 2 },
);

const isActivity = (object: Json) => object.objectType === undefined || object.objectType === 'Activity';

function subStatement(version: XapiVersion): fc.Arbitrary<Json> {
  return fc.oneof(activity, objectAgent, group, statementRef).chain((object) =>
    fc
      .record(
        { actor, verb, result, context: contextArbitrary(version, isActivity(object)), timestamp, attachments },
        { requiredKeys: ['actor', 'verb'] },
      )
      .map((rest) => ({ objectType: 'SubStatement', ...rest, object })),
  );
}

/**
 * Statements valid under `version`, without an id (the test gives each a
 * fresh one, so that shrinking never re-sends an id with other content).
 */
export function validStatement(version: XapiVersion): fc.Arbitrary<Json> {
  const object = fc.oneof({ weight: 3, arbitrary: activity }, objectAgent, group, statementRef, subStatement(version));
  const versions = version === '2.0.0' ? fc.constantFrom('2.0.0', '1.0.3') : fc.constantFrom('1.0.0', '1.0.3');
  return object.chain((chosen) =>
    fc
      .record(
        {
          actor,
          verb,
          result,
          context: contextArbitrary(version, isActivity(chosen)),
          timestamp,
          version: versions,
          authority,
          attachments,
        },
        { requiredKeys: ['actor', 'verb'] },
      )
      .map((rest) => ({ ...rest, object: chosen })),
  );
}

export const xapiVersion = fc.constantFrom<XapiVersion>('1.0.3', '2.0.0');

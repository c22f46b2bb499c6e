import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseLanguageTag } from 'bcp-47';
import { INTERACTION_TYPES } from '@smart-training/xapi';
import { isXapiTimestamp } from './timestamp';
import type { XapiVersion } from './version';

/*
 * The xAPI statement data model as JSON Schemas (draft-07), one for 1.0.3 and
 * one for 2.0, checked by Ajv. Rules a schema cannot express (score ranges
 * between properties, context rules that depend on the object) are checked
 * in `model.ts`.
 */

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

const languageMap = {
  type: 'object',
  propertyNames: { format: 'language-tag' },
  additionalProperties: { type: 'string' },
};

const extensions = {
  type: 'object',
  propertyNames: { format: 'iri' },
};

const ifiProperties = {
  mbox: { type: 'string', format: 'mbox' },
  mbox_sha1sum: { type: 'string', format: 'sha1-hex' },
  openid: { type: 'string', format: 'uri' },
  account: {
    type: 'object',
    required: ['homePage', 'name'],
    additionalProperties: false,
    properties: { homePage: { type: 'string', format: 'iri' }, name: { type: 'string' } },
  },
};

const exactlyOneIfi = { oneOf: IFI_KEYS.map((key) => ({ required: [key] })) };
const noIfi = { not: { anyOf: IFI_KEYS.map((key) => ({ required: [key] })) } };

/*
 * Ajv applies type-free keywords (allOf, if) before `type`; an agent or
 * group that is not an object at all is told so first, rather than that it
 * lacks an identifier.
 */
const isObject = { type: 'object' };

const agent = {
  type: 'object',
  additionalProperties: false,
  properties: { objectType: { const: 'Agent' }, name: { type: 'string' }, ...ifiProperties },
  allOf: [isObject, { $ref: '#/definitions/exactlyOneIfi' }],
};

const group = {
  type: 'object',
  required: ['objectType'],
  additionalProperties: false,
  properties: {
    objectType: { const: 'Group' },
    name: { type: 'string' },
    member: { type: 'array', items: { $ref: '#/definitions/agent' } },
    ...ifiProperties,
  },
  allOf: [
    isObject,
    // An identified group has one IFI; an anonymous group lists its members instead.
    { if: { $ref: '#/definitions/noIfi' }, then: { required: ['member'] }, else: { $ref: '#/definitions/exactlyOneIfi' } },
  ],
};

/**
 * An agent or group's objectType, checked before the branch it chooses: a
 * wrong one would otherwise be reported as whatever the agent branch finds
 * amiss with the group's members.
 */
const actorType = { properties: { objectType: { enum: ['Agent', 'Group'] } } };
const isGroup = { type: 'object', required: ['objectType'], properties: { objectType: { const: 'Group' } } };

const actor = {
  allOf: [actorType, { if: isGroup, then: { $ref: '#/definitions/group' }, else: { $ref: '#/definitions/agent' } }],
};

const interactionComponents = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id'],
    additionalProperties: false,
    properties: { id: { type: 'string', minLength: 1 }, description: languageMap },
  },
};

const activity = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: {
    objectType: { const: 'Activity' },
    id: { type: 'string', format: 'iri' },
    definition: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: languageMap,
        description: languageMap,
        type: { type: 'string', format: 'iri' },
        moreInfo: { type: 'string', format: 'iri' },
        extensions,
        interactionType: { enum: [...INTERACTION_TYPES] },
        correctResponsesPattern: { type: 'array', items: { type: 'string' } },
        choices: interactionComponents,
        scale: interactionComponents,
        source: interactionComponents,
        target: interactionComponents,
        steps: interactionComponents,
      },
      // An interaction's response pattern and components mean nothing without its type (Data 2.4.4.1).
      dependencies: Object.fromEntries(
        ['correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps'].map((key) => [
          key,
          ['interactionType'],
        ]),
      ),
    },
  },
};

const statementRef = {
  type: 'object',
  required: ['objectType', 'id'],
  additionalProperties: false,
  properties: { objectType: { const: 'StatementRef' }, id: { type: 'string', format: 'uuid' } },
};

const result = {
  type: 'object',
  additionalProperties: false,
  properties: {
    score: {
      type: 'object',
      additionalProperties: false,
      properties: {
        scaled: { type: 'number', minimum: -1, maximum: 1 },
        raw: { type: 'number' },
        min: { type: 'number' },
        max: { type: 'number' },
      },
    },
    success: { type: 'boolean' },
    completion: { type: 'boolean' },
    response: { type: 'string' },
    duration: { type: 'string', format: 'xapi-duration' },
    extensions,
  },
};

/** One activity or a list of them; chosen by type so that an error names the faulty activity. */
const activityList = {
  if: { type: 'array' },
  then: { items: { $ref: '#/definitions/activity' } },
  else: { $ref: '#/definitions/activity' },
};

/** xAPI 2.0's context agents and groups: who else took part, and in what role. */
function contextMembers(objectType: 'contextAgent' | 'contextGroup') {
  const member = objectType === 'contextAgent' ? 'agent' : 'group';
  return {
    type: 'array',
    items: {
      type: 'object',
      required: ['objectType', member],
      additionalProperties: false,
      properties: {
        objectType: { const: objectType },
        [member]: { $ref: member === 'agent' ? '#/definitions/agent' : '#/definitions/group' },
        relevantTypes: { type: 'array', minItems: 1, items: { type: 'string', format: 'iri' } },
      },
    },
  };
}

const context = (version: XapiVersion) => ({
  type: 'object',
  additionalProperties: false,
  properties: {
    ...(version === '2.0.0'
      ? { contextAgents: contextMembers('contextAgent'), contextGroups: contextMembers('contextGroup') }
      : {}),
    registration: { type: 'string', format: 'uuid' },
    instructor: { $ref: '#/definitions/actor' },
    team: { $ref: '#/definitions/group' },
    contextActivities: {
      type: 'object',
      additionalProperties: false,
      properties: {
        parent: activityList,
        grouping: activityList,
        category: activityList,
        other: activityList,
      },
    },
    revision: { type: 'string' },
    platform: { type: 'string' },
    language: { type: 'string', format: 'language-tag' },
    statement: { $ref: '#/definitions/statementRef' },
    extensions,
  },
});

const attachment = {
  type: 'object',
  required: ['usageType', 'display', 'contentType', 'length', 'sha2'],
  additionalProperties: false,
  properties: {
    usageType: { type: 'string', format: 'iri' },
    display: languageMap,
    description: languageMap,
    contentType: { type: 'string', minLength: 1 },
    length: { type: 'integer', minimum: 0 },
    sha2: { type: 'string', pattern: '^[0-9a-fA-F]+$' },
    fileUrl: { type: 'string', format: 'iri' },
  },
};

const verb = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', format: 'iri' }, display: languageMap },
};

const timestamp = { type: 'string', format: 'xapi-timestamp' };

/**
 * Who vouches for a statement: an agent, or an anonymous group of exactly two
 * agents (an OAuth consumer and the user it acts for, Data 2.4.9).
 */
const authority = {
  allOf: [
    actorType,
    {
      if: isGroup,
      then: {
        allOf: [
          { $ref: '#/definitions/group' },
          { $ref: '#/definitions/noIfi' },
          { required: ['member'], properties: { member: { minItems: 2, maxItems: 2 } } },
        ],
      },
      else: { $ref: '#/definitions/agent' },
    },
  ],
};

/** The object of a statement, chosen by `objectType` (absent means Activity). */
function objectSchema(allowSubStatement: boolean) {
  const byType: [string, string][] = [
    ['Agent', '#/definitions/agent'],
    ['Group', '#/definitions/group'],
    ['StatementRef', '#/definitions/statementRef'],
  ];
  if (allowSubStatement) byType.push(['SubStatement', '#/definitions/subStatement']);
  return {
    type: 'object',
    properties: { objectType: { enum: ['Activity', ...byType.map(([type]) => type)] } },
    allOf: byType.map(([type, ref]) => ({
      if: { required: ['objectType'], properties: { objectType: { const: type } } },
      then: { $ref: ref },
    })),
    if: {
      anyOf: [
        { not: { required: ['objectType'] } },
        { properties: { objectType: { const: 'Activity' } } },
      ],
    },
    then: { $ref: '#/definitions/activity' },
  };
}

const subStatement = {
  type: 'object',
  required: ['objectType', 'actor', 'verb', 'object'],
  additionalProperties: false,
  properties: {
    objectType: { const: 'SubStatement' },
    actor: { $ref: '#/definitions/actor' },
    verb: { $ref: '#/definitions/verb' },
    object: objectSchema(false),
    result: { $ref: '#/definitions/result' },
    context: { $ref: '#/definitions/context' },
    timestamp,
    attachments: { type: 'array', items: { $ref: '#/definitions/attachment' } },
  },
};

/** JSON Schema of one statement as a client sends it, under the rules of `version`. */
export const statementSchema = (version: XapiVersion) => ({
  $id: `https://smart-training.id/xapi/schema/${version}/statement.json`,
  type: 'object',
  required: ['actor', 'verb', 'object'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    actor: { $ref: '#/definitions/actor' },
    verb: { $ref: '#/definitions/verb' },
    object: objectSchema(true),
    result: { $ref: '#/definitions/result' },
    context: { $ref: '#/definitions/context' },
    timestamp,
    stored: timestamp,
    authority,
    version: { type: 'string', pattern: version === '2.0.0' ? '^(1|2)\\.0(\\.\\d+)?$' : '^1\\.0(\\.\\d+)?$' },
    attachments: { type: 'array', items: { $ref: '#/definitions/attachment' } },
  },
  definitions: {
    exactlyOneIfi,
    noIfi,
    agent,
    group,
    actor,
    verb,
    activity,
    statementRef,
    subStatement,
    result,
    context: context(version),
    attachment,
  },
});

/** ISO 8601 duration as xAPI uses it, e.g. PT1H2M3.45S or P1W. */
const DURATION = /^P(?:(\d+(?:\.\d+)?)W|(?=\d|T\d)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?)$/;

/** Whether `value` is such a duration; ISO 8601 lets only its last component carry a fraction. */
function isDuration(value: string): boolean {
  const components = DURATION.exec(value)?.slice(1).filter((component) => component !== undefined);
  return components !== undefined && components.slice(0, -1).every((component) => !component.includes('.'));
}

/**
 * One character of an IRI (RFC 3987): unreserved and reserved ASCII, a
 * percent-encoded octet, or a Unicode character outside the control, space
 * and non-character ranges. What is left out (space, "<>\"{}|\\^`", a bare
 * "%") cannot appear in an IRI.
 */
const IRI_CHARACTER = String.raw`(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?\[\]\u00A0-\uD7FF\uE000-\uFDCF\uFDF0-\uFFEF\u{10000}-\u{10FFFD}]|%[0-9A-Fa-f]{2})`;
/** An absolute IRI: a scheme, a colon, the rest, and at most one fragment. */
const IRI = new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:${IRI_CHARACTER}+(?:#${IRI_CHARACTER}*)?$`, 'u');
/**
 * A mailto: IRI of one address: no white space, and none of the characters
 * that would make it a list, a display name or a route (RFC 5322 specials).
 */
const MBOX = /^mailto:[^@\s<>()[\]\\,;:"]+@[^@\s<>()[\]\\,;:"/?#]+$/;
/** A UUID in its 8-4-4-4-12 hexadecimal form, with no urn:uuid: prefix (ajv-formats' "uuid" allows one). */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether `value` is a well-formed BCP 47 (RFC 5646) language tag. */
function isLanguageTag(value: string): boolean {
  let wellFormed = true;
  parseLanguageTag(value, {
    warning: () => {
      wellFormed = false;
    },
  });
  return wellFormed;
}

// ajv and ajv-formats are CommonJS; under ESM their constructors sit on `default`.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const addFormats =
  (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

// strictTypes and strictRequired are off because the IFI and object-type
// subschemas (`required` alone) are only ever applied, through $ref and
// if/then, to objects whose properties the parent schema declares.
const ajv = new Ajv({
  allErrors: false,
  strictSchema: true,
  strictNumbers: true,
  strictTuples: true,
  strictTypes: false,
  strictRequired: false,
});
addFormats(ajv);
ajv.addFormat('uuid', UUID);
ajv.addFormat('mbox', MBOX);
ajv.addFormat('sha1-hex', /^[0-9a-fA-F]{40}$/);
ajv.addFormat('iri', IRI);
ajv.addFormat('language-tag', isLanguageTag);
ajv.addFormat('xapi-duration', isDuration);
ajv.addFormat('xapi-timestamp', isXapiTimestamp);

const validators: Record<XapiVersion, ValidateFunction> = {
  '1.0.3': ajv.compile(statementSchema('1.0.3')),
  '2.0.0': ajv.compile(statementSchema('2.0.0')),
};

/** The compiled validator of a version; its `errors` explain the first failure. */
export function statementValidator(version: XapiVersion): ValidateFunction {
  return validators[version];
}

/**
 * Turns the first Ajv error into the offending property's path and a short
 * explanation, phrased for people rather than for schema authors.
 */
export function describeSchemaError(
  error: ErrorObject,
  prefix: string,
): { property: string; detail: string } {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  // A bad key (extension IRI, language tag) is named by Ajv in `propertyName`.
  const key = error.propertyName === undefined ? '' : `[${JSON.stringify(error.propertyName)}]`;
  let property = `${prefix}${path}${key}`;
  let detail = error.message ?? 'is not valid';
  if (error.schemaPath.includes('exactlyOneIfi') || error.schemaPath.includes('noIfi')) {
    detail = 'an agent or identified group needs exactly one of mbox, mbox_sha1sum, openid or account';
  } else if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    property = `${property}.${extra}`;
    detail = 'is not a property xAPI allows here';
  } else if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    property = `${property}.${missing}`;
    detail = 'is required';
  } else if (error.keyword === 'dependencies') {
    const { missingProperty, property: present } = error.params as { missingProperty: string; property: string };
    property = `${property}.${missingProperty}`;
    detail = `is required when ${present} is given`;
  } else if (error.keyword === 'format') {
    detail = `must be ${formatName((error.params as { format: string }).format)}`;
  } else if (error.keyword === 'const' || error.keyword === 'enum') {
    const allowed = (error.params as { allowedValue?: unknown; allowedValues?: unknown[] });
    detail = `must be ${JSON.stringify(allowed.allowedValue ?? allowed.allowedValues)}`;
  }
  return { property, detail };
}

function formatName(format: string): string {
  switch (format) {
    case 'uuid':
      return 'a UUID';
    case 'iri':
      return 'an absolute IRI such as https://example.org/verbs/done';
    case 'uri':
      return 'an absolute URI';
    case 'mbox':
      return 'a mailto: IRI of one e-mail address, such as mailto:ani@example.org';
    case 'sha1-hex':
      return 'the 40 hexadecimal digits of a SHA-1 hash';
    case 'language-tag':
      return 'a BCP 47 language tag such as id-ID or en';
    case 'xapi-timestamp':
      return 'an ISO 8601 date-time such as 2026-12-01T08:00:00+07:00, with an offset from -23:59 to +23:59 written ±hh:mm or ±hh, never -00:00';
    case 'xapi-duration':
      return 'an ISO 8601 duration such as PT1M30S, with a fraction only in its last component';
    default:
      return `in ${format} format`;
  }
}

/** Validates an agent or group alone, e.g. the `agent` query parameter. */
export const validateActor = ajv.compile({ $ref: `${statementSchema('1.0.3').$id}#/definitions/actor` });

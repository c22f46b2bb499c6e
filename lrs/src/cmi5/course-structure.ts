import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InvalidCourseStructureError } from './errors';

/*
 * Reading a cmi5 course structure (cmi5.xml, cmi5 section 13) into the few
 * facts the LMS side needs: the course, its blocks and its AUs with their
 * launch URL and moveOn criteria. The XML is hostile until checked: a
 * DOCTYPE is refused outright (no entity can be declared, so none expands)
 * and only the five predefined entities and character references are decoded.
 */

/** cmi5 13.1.4 moveOn: when the LMS counts an AU as satisfied. */
export const MOVE_ON_VALUES = ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'] as const;
export type MoveOn = (typeof MOVE_ON_VALUES)[number];

/** cmi5 13.1.4 launchMethod: whether the AU needs its own window. */
export const LAUNCH_METHODS = ['AnyWindow', 'OwnWindow'] as const;
export type LaunchMethod = (typeof LAUNCH_METHODS)[number];

/** A langstring set: language tag to text, e.g. `{ 'id-ID': 'Etika', 'en-US': 'Ethics' }`. */
export type LangStrings = Record<string, string>;

export interface AssignableUnit {
  /** The publisher's AU id (an IRI), unaltered. */
  id: string;
  title: LangStrings;
  /** As written in cmi5.xml: relative to the package, or fully qualified. */
  url: string;
  moveOn: MoveOn;
  /** Scaled 0–1, when the publisher set one. */
  masteryScore?: number;
  launchMethod: LaunchMethod;
  launchParameters?: string;
  entitlementKey?: string;
}

export interface CourseBlock {
  id: string;
  title: LangStrings;
  /** Every AU inside the block, nested blocks included, in document order. */
  auIds: string[];
}

/**
 * A course structure as the LMS uses it.
 *
 * @example
 * const course = parseCourseStructure(fs.readFileSync('cmi5.xml', 'utf8'));
 * course.aus.map((au) => au.moveOn); // ['NotApplicable', 'Passed', …]
 */
export interface CourseStructure {
  /** The publisher's course id (an IRI), unaltered. */
  id: string;
  title: LangStrings;
  /** AUs in document order. */
  aus: AssignableUnit[];
  blocks: CourseBlock[];
}

/** Launch parameter names the LMS appends (cmi5 8.1); an AU URL must not use them itself. */
export const LAUNCH_PARAMETER_NAMES = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'] as const;

type Node = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

/**
 * Parses and checks cmi5.xml. Throws {@link InvalidCourseStructureError}
 * naming the element at fault and what to write instead.
 */
export function parseCourseStructure(xml: string): CourseStructure {
  if (/<!DOCTYPE/i.test(xml)) {
    fail('the document has a DOCTYPE; cmi5.xml needs none, and entity declarations are refused: remove it');
  }
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    fail(`it is not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line}); fix the XML`);
  }
  const nodes = parser.parse(xml) as Node[];
  const root = nodes.find((node) => tagOf(node) === 'courseStructure');
  if (!root) fail('the root element must be <courseStructure>');
  const [course, ...moreCourses] = children(root, 'course');
  if (!course || moreCourses.length > 0) fail('<courseStructure> must hold exactly one <course>');

  const structure: CourseStructure = {
    id: requiredIri(course, 'course'),
    title: langStrings(course, 'title', 'course'),
    aus: [],
    blocks: [],
  };
  langStrings(course, 'description', 'course');
  readMembers(root, structure, []);
  if (structure.aus.length === 0) fail('the course has no <au>; add at least one assignable unit');
  const ids = new Set<string>();
  for (const id of [...structure.aus.map((au) => au.id), ...structure.blocks.map((block) => block.id)]) {
    if (ids.has(id)) fail(`the id "${id}" is used twice; every AU and block id must be unique in the course`);
    ids.add(id);
  }
  return structure;
}

/** Reads the AUs and blocks that are members of `parent`, in order, into `structure`. */
function readMembers(parent: Node, structure: CourseStructure, openBlocks: CourseBlock[]): void {
  for (const node of contentOf(parent)) {
    const tag = tagOf(node);
    if (tag === 'au') {
      const au = readAu(node);
      structure.aus.push(au);
      for (const block of openBlocks) block.auIds.push(au.id);
    } else if (tag === 'block') {
      const block: CourseBlock = {
        id: requiredIri(node, 'block'),
        title: langStrings(node, 'title', 'block'),
        auIds: [],
      };
      langStrings(node, 'description', 'block');
      structure.blocks.push(block);
      readMembers(node, structure, [...openBlocks, block]);
      if (block.auIds.length === 0) fail(`block "${block.id}" holds no <au>; a block needs at least one`);
    }
  }
}

function readAu(node: Node): AssignableUnit {
  const id = requiredIri(node, 'au');
  const where = `au "${id}"`;
  const moveOn = attribute(node, 'moveOn') ?? 'NotApplicable';
  if (!(MOVE_ON_VALUES as readonly string[]).includes(moveOn)) {
    fail(`${where} has moveOn="${moveOn}"; use one of ${MOVE_ON_VALUES.join(', ')}`);
  }
  const launchMethod = attribute(node, 'launchMethod') ?? 'AnyWindow';
  if (!(LAUNCH_METHODS as readonly string[]).includes(launchMethod)) {
    fail(`${where} has launchMethod="${launchMethod}"; use AnyWindow or OwnWindow`);
  }
  const url = text(node, 'url');
  if (url === undefined || url === '') fail(`${where} has no <url>; give the launch page, e.g. index.html`);
  const query = url.includes('?') ? new URLSearchParams(url.slice(url.indexOf('?') + 1).split('#')[0]) : undefined;
  const clash = LAUNCH_PARAMETER_NAMES.find((name) => query?.has(name));
  if (clash) {
    fail(`${where} has a url whose query uses "${clash}", a name the LMS adds at launch (cmi5 8.1); rename it`);
  }

  const au: AssignableUnit = {
    id,
    title: langStrings(node, 'title', where),
    url,
    moveOn: moveOn as MoveOn,
    launchMethod: launchMethod as LaunchMethod,
  };
  langStrings(node, 'description', where);
  const mastery = attribute(node, 'masteryScore');
  if (mastery !== undefined) {
    if (!/^(0(\.\d{1,4})?|1(\.0{1,4})?|\.\d{1,4})$/.test(mastery)) {
      fail(`${where} has masteryScore="${mastery}"; use a decimal from 0 to 1 with at most 4 decimals, e.g. 0.7`);
    }
    au.masteryScore = Number(mastery);
  }
  const launchParameters = text(node, 'launchParameters');
  if (launchParameters !== undefined) au.launchParameters = launchParameters;
  const entitlementKey = text(node, 'entitlementKey');
  if (entitlementKey !== undefined) au.entitlementKey = entitlementKey;
  return au;
}

function fail(problem: string): never {
  throw new InvalidCourseStructureError(problem);
}

function tagOf(node: Node): string | undefined {
  return Object.keys(node).find((key) => key !== ':@');
}

function contentOf(node: Node): Node[] {
  const tag = tagOf(node);
  const content = tag === undefined ? undefined : node[tag];
  return Array.isArray(content) ? (content as Node[]) : [];
}

function children(node: Node, tag: string): Node[] {
  return contentOf(node).filter((child) => tagOf(child) === tag);
}

function attribute(node: Node, name: string): string | undefined {
  const value = (node[':@'] as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? decodeEntities(value).trim() : undefined;
}

/** The text of the child element `tag`, decoded and trimmed (cmi5 13.1). */
function text(node: Node, tag: string): string | undefined {
  const [child] = children(node, tag);
  if (!child) return undefined;
  return contentOf(child)
    .map((part) => (typeof part['#text'] === 'string' ? part['#text'] : ''))
    .map(decodeEntities)
    .join('')
    .trim();
}

function requiredIri(node: Node, where: string): string {
  const id = attribute(node, 'id');
  if (id === undefined || id === '') fail(`<${where}> has no id attribute; give it a globally unique IRI`);
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) {
    fail(`<${where}> id "${id}" is not an IRI; use an absolute IRI such as https://…`);
  }
  return id;
}

function langStrings(node: Node, tag: 'title' | 'description', where: string): LangStrings {
  const [holder] = children(node, tag);
  const strings: LangStrings = {};
  for (const entry of holder ? children(holder, 'langstring') : []) {
    const lang = attribute(entry, 'lang') ?? 'und';
    strings[lang] = contentOf(entry)
      .map((part) => (typeof part['#text'] === 'string' ? decodeEntities(part['#text']) : ''))
      .join('')
      .trim();
  }
  if (Object.keys(strings).length === 0) {
    fail(`${where} has no <${tag}> with a <langstring>; cmi5 requires one`);
  }
  return strings;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The predefined XML entities and character references; nothing else is expanded. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return NAMED_ENTITIES[name] ?? whole;
  });
}

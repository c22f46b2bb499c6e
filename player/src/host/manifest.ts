import { XMLParser } from 'fast-xml-parser';
import { PackageRejectedError } from './errors';

/** What the host needs from a package's `imsmanifest.xml`. */
export interface PackageManifest {
  title: string;
  version: '1.2' | '2004';
  /** Path of the first SCO's launch file, relative to the package root (may carry a query). */
  launch: string;
  /** The manifest's `identifier` (empty when it has none): the root of the package's xAPI activity ids. */
  identifier: string;
  /** The SCO launched: its resource identifier and the title of the item pointing at it. */
  sco: { identifier: string; title: string };
}

type XmlNode = Record<string, unknown>;

// Entities stay unexpanded: a manifest is uploaded by whoever has a zip,
// and entity expansion is how XML bombs and XXE get in.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['organization', 'item', 'resource'].includes(name),
});

/**
 * Reads title, SCORM version and launch file from a manifest's text.
 * Throws {@link PackageRejectedError} when the manifest is not one a SCORM
 * player can launch.
 */
export function parseManifest(xml: string): PackageManifest {
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch (error) {
    throw invalid(`it is not well-formed XML (${error instanceof Error ? error.message : String(error)})`);
  }
  const manifest = child(document, 'manifest');
  if (!manifest) throw invalid('its root element is not <manifest>');
  const resources = children(child(manifest, 'resources'), 'resource');
  const version = scormVersion(manifest, resources);
  const organization = defaultOrganization(manifest);
  const sco = launchResource(organization, resources);
  if (!sco) throw invalid('no <resource> is a SCO with an href, so there is nothing to launch');
  const identifier = attribute(manifest, 'identifier');
  const title = text(child(organization ?? {}, 'title')) || identifier || 'SCORM';
  const scoIdentifier = attribute(sco, 'identifier') || 'sco';
  const scoTitle = text(child(itemFor(organization, scoIdentifier) ?? {}, 'title')) || title;
  return {
    title,
    version,
    launch: launchPath(manifest, sco),
    identifier,
    sco: { identifier: scoIdentifier, title: scoTitle },
  };
}

function invalid(reason: string): PackageRejectedError {
  return new PackageRejectedError(
    'invalid_manifest',
    `The package's imsmanifest.xml cannot be played: ${reason}. Export the package again from the authoring tool as SCORM 1.2 or SCORM 2004.`,
  );
}

function scormVersion(manifest: XmlNode, resources: XmlNode[]): '1.2' | '2004' {
  const declared = text(child(child(manifest, 'metadata') ?? {}, 'schemaversion'));
  if (declared === '1.2') return '1.2';
  if (declared.startsWith('2004') || declared === 'CAM 1.3') return '2004';
  if (declared) throw invalid(`<schemaversion> "${declared}" is neither SCORM 1.2 nor SCORM 2004`);
  // Without metadata, the attribute's spelling tells the versions apart:
  // SCORM 1.2 writes adlcp:scormtype, SCORM 2004 adlcp:scormType.
  if (resources.some((resource) => attribute(resource, 'scormType'))) return '2004';
  if (resources.some((resource) => attribute(resource, 'scormtype'))) return '1.2';
  throw invalid('it declares no <schemaversion> and no resource has a SCORM type');
}

function defaultOrganization(manifest: XmlNode): XmlNode | undefined {
  const organizations = child(manifest, 'organizations');
  const all = children(organizations, 'organization');
  const wanted = organizations ? attribute(organizations, 'default') : '';
  return all.find((organization) => attribute(organization, 'identifier') === wanted) ?? all[0];
}

function isSco(resource: XmlNode): boolean {
  const type = attribute(resource, 'scormType') || attribute(resource, 'scormtype');
  return type.toLowerCase() === 'sco' && attribute(resource, 'href') !== '';
}

/** The SCO the organisation's first item points at, else the first SCO listed. */
function launchResource(organization: XmlNode | undefined, resources: XmlNode[]): XmlNode | undefined {
  const firstItemTarget = firstItemRef(organization);
  const referenced = resources.find((resource) => attribute(resource, 'identifier') === firstItemTarget);
  if (referenced && isSco(referenced)) return referenced;
  return resources.find(isSco);
}

function firstItemRef(node: XmlNode | undefined): string {
  for (const item of children(node, 'item')) {
    const reference = attribute(item, 'identifierref');
    if (reference) return reference;
    const nested = firstItemRef(item);
    if (nested) return nested;
  }
  return '';
}

/** The organisation's item (at any depth) that launches the resource `identifier`. */
function itemFor(node: XmlNode | undefined, identifier: string): XmlNode | undefined {
  for (const item of children(node, 'item')) {
    if (attribute(item, 'identifierref') === identifier) return item;
    const nested = itemFor(item, identifier);
    if (nested) return nested;
  }
  return undefined;
}

function launchPath(manifest: XmlNode, resource: XmlNode): string {
  const base = attribute(child(manifest, 'resources') ?? {}, 'base') + attribute(resource, 'base');
  const href = base + attribute(resource, 'href');
  const path = href.split(/[?#]/)[0]!;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || path.startsWith('/') || path.split('/').includes('..')) {
    throw invalid(`the launch href "${href}" points outside the package`);
  }
  return href;
}

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  if (Array.isArray(value)) return value[0] as XmlNode | undefined;
  if (typeof value === 'string') return { '#text': value };
  return typeof value === 'object' && value !== null ? (value as XmlNode) : undefined;
}

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function attribute(node: XmlNode, name: string): string {
  const value = node[`@${name}`];
  return typeof value === 'string' ? value.trim() : '';
}

function text(node: XmlNode | undefined): string {
  const value = node?.['#text'];
  return typeof value === 'string' ? value.trim() : '';
}

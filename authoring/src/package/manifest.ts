import { create } from 'xmlbuilder2';
import type { CourseOutline } from '@smart-training/core';
import type { ScormFormat } from './formats';

const XMLNS = 'http://www.w3.org/2000/xmlns/';

interface Dialect {
  contentPackaging: string;
  adlcp: string;
  schemaVersion: string;
  /** SCORM 1.2 spells the attribute in lower case, SCORM 2004 in camel case. */
  scormTypeAttribute: string;
}

const DIALECTS: Record<ScormFormat, Dialect> = {
  scorm12: {
    contentPackaging: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
    adlcp: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
    schemaVersion: '1.2',
    scormTypeAttribute: 'adlcp:scormtype',
  },
  scorm2004: {
    contentPackaging: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    adlcp: 'http://www.adlnet.org/xsd/adlcp_v1p3',
    // Moodle treats a package as SCORM 2004 only for this exact string.
    schemaVersion: '2004 4th Edition',
    scormTypeAttribute: 'adlcp:scormType',
  },
};

/**
 * The imsmanifest.xml of a single-SCO package: one organization with one
 * item launching `index.html`, whose resource lists every file of the package.
 */
export function buildManifest(format: ScormFormat, outline: CourseOutline, files: readonly string[]): string {
  const dialect = DIALECTS[format];
  const manifest = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(dialect.contentPackaging, 'manifest', {
      identifier: xmlId(`${outline.id}-${outline.version}`),
      version: outline.version,
    })
    .att(XMLNS, 'xmlns:adlcp', dialect.adlcp);

  const metadata = manifest.ele('metadata');
  metadata.ele('schema').txt('ADL SCORM');
  metadata.ele('schemaversion').txt(dialect.schemaVersion);

  const organization = manifest
    .ele('organizations', { default: 'organization' })
    .ele('organization', { identifier: 'organization' });
  organization.ele('title').txt(outline.title.id);
  const item = organization.ele('item', { identifier: 'unit', identifierref: 'unit-resource' });
  item.ele('title').txt(outline.title.id);

  const resource = manifest
    .ele('resources')
    .ele('resource', { identifier: 'unit-resource', type: 'webcontent', href: 'index.html' })
    .att(dialect.adlcp, dialect.scormTypeAttribute, 'sco');
  for (const file of files) resource.ele('file', { href: encodeURI(file) });

  return manifest.end({ prettyPrint: true });
}

/** Manifest identifiers are xs:ID: no leading digit or hyphen, no dots or colons. */
function xmlId(text: string): string {
  return `smart-${text.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

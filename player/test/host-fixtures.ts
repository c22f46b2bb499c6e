import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import yazl from 'yazl';
import { createHostRouter } from '../src/host/index';

/** A zip entry for a test package: a path and its text. */
export interface ZipEntry {
  path: string;
  text: string;
  /** Unix mode with the file type, e.g. 0o120777 for a symbolic link. */
  mode?: number;
  /**
   * The name actually written into the zip. yazl refuses hostile names, so
   * the entry is added under `path` (same length) and renamed in the bytes.
   */
  hostileName?: string;
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `smart-${prefix}-`));
}

/** Writes `entries` as a zip file and returns its path. */
export async function writeZip(dir: string, fileName: string, entries: ZipEntry[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    zip.addBuffer(Buffer.from(entry.text), entry.path, entry.mode === undefined ? {} : { mode: entry.mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let bytes: Buffer = Buffer.concat(chunks);
  for (const entry of entries) {
    if (entry.hostileName === undefined) continue;
    if (entry.hostileName.length !== entry.path.length) throw new Error('hostileName must be as long as path');
    bytes = replaceAll(bytes, Buffer.from(entry.path), Buffer.from(entry.hostileName));
  }
  const file = join(dir, fileName);
  await writeFile(file, bytes);
  return file;
}

function replaceAll(bytes: Buffer, from: Buffer, to: Buffer): Buffer {
  let at = bytes.indexOf(from);
  while (at !== -1) {
    to.copy(bytes, at);
    at = bytes.indexOf(from, at + to.length);
  }
  return bytes;
}

/** A SCORM 1.2 manifest with one SCO launching `href`. */
export function scorm12Manifest(title: string, href = 'index.html'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="smart-test" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>${title}</title>
      <item identifier="item-1" identifierref="sco-1"><title>${title}</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="assets" type="webcontent" adlcp:scormtype="asset" href="readme.html"><file href="readme.html"/></resource>
    <resource identifier="sco-1" type="webcontent" adlcp:scormtype="sco" href="${href}"><file href="${href}"/></resource>
  </resources>
</manifest>`;
}

/** A SCORM 2004 4th edition manifest with one SCO launching `href`. */
export function scorm2004Manifest(title: string, href = 'index.html'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="smart-test-2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>${title}</title>
      <item identifier="item-1" identifierref="sco-1"><title>${title}</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-1" type="webcontent" adlcp:scormType="sco" xml:base="content/" href="${href}"><file href="${href}"/></resource>
  </resources>
</manifest>`;
}

/**
 * The launch page of a hand-written SCORM 1.2 SCO: finds the API in its
 * parent, starts, records 90 and passed, and commits.
 */
export const SCO_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>SCO</title></head>
<body>
<p id="state">starting</p>
<script>
  var api = window.parent.API;
  api.LMSInitialize('');
  document.body.dataset.entry = api.LMSGetValue('cmi.core.entry');
  document.body.dataset.learner = api.LMSGetValue('cmi.core.student_id');
  document.body.dataset.language = api.LMSGetValue('cmi.student_preference.language');
  api.LMSSetValue('cmi.core.score.raw', '90');
  api.LMSSetValue('cmi.core.lesson_status', 'passed');
  api.LMSSetValue('cmi.core.exit', 'suspend');
  api.LMSCommit('');
  document.getElementById('state').textContent = 'done';
</script>
</body></html>`;

/** An express app with the host router at /host, listening on 127.0.0.1. */
export async function startHost(options: { packagesDir: string; distDir: string }) {
  const app = express();
  app.use('/host', createHostRouter(options));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A statement as the host tests read it back: the fields they look at. */
export interface StatementJson {
  id: string;
  timestamp: string;
  verb: { id: string };
  actor: { name?: string; account?: { homePage: string; name: string } };
  object: {
    id: string;
    definition: {
      type?: string;
      interactionType?: string;
      correctResponsesPattern?: string[];
      description?: Record<string, string>;
    };
  };
  result?: {
    response?: string;
    success?: boolean;
    completion?: boolean;
    duration?: string;
    score?: Record<string, number>;
  };
  context: {
    contextActivities: {
      parent?: Array<{ id: string }>;
      grouping: Array<{ id: string }>;
      category?: Array<{ id: string }>;
    };
  };
  authority?: { name?: string };
}

/** The body of an error answer, LRS-style. */
export interface ErrorBody {
  error: { code: string; message: string; message_id: string };
}

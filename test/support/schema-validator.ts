import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (/work/main in the team's checkout). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The official SCORM and cmi5 schemas and their xmllint wrapper live beside the
 * repository (`../shared/schemas`); SMART_SCHEMAS_DIR points elsewhere.
 */
const SCHEMAS_DIR = process.env.SMART_SCHEMAS_DIR ?? path.resolve(REPO_ROOT, '../shared/schemas');
const VALIDATE = path.join(SCHEMAS_DIR, 'validate');

/** Runs the schema validator; `valid` is false with xmllint's complaints in `output`. */
export function validateManifest(kind: 'scorm12' | 'scorm2004' | 'cmi5', file: string): Promise<{ valid: boolean; output: string }> {
  if (!existsSync(VALIDATE)) {
    throw new Error(
      `The schema validator ${VALIDATE} is missing: the tests read the official SCORM and cmi5 schemas from ../shared/schemas beside the repository. Put them there or set SMART_SCHEMAS_DIR.`,
    );
  }
  return new Promise((resolve) => {
    execFile('bash', [VALIDATE, kind, file], (error, stdout, stderr) => {
      resolve({ valid: error === null, output: `${stdout}${stderr}` });
    });
  });
}

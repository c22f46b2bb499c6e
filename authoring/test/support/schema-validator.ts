import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (/work/main in the team's checkout). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The official SCORM schemas and their xmllint wrapper live beside the repository. */
const VALIDATE = path.resolve(REPO_ROOT, '../shared/schemas/validate');

/** Runs the schema validator; `valid` is false with xmllint's complaints in `output`. */
export function validateManifest(kind: 'scorm12' | 'scorm2004', file: string): Promise<{ valid: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile('bash', [VALIDATE, kind, file], (error, stdout, stderr) => {
      resolve({ valid: error === null, output: `${stdout}${stderr}` });
    });
  });
}

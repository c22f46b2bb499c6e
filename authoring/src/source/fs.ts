import { stat } from 'node:fs/promises';

/** True when `file` exists and is a regular file. */
export async function fileExists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

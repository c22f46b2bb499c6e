import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import yazl from 'yazl';

/** One file of a zip: generated text or a file on disk. */
export type ZipEntry = { name: string; text: string } | { name: string; source: string };

/** Already-compressed media gain nothing from deflate. */
const STORED = /\.(mp4|webm|m4v|mov|mp3|m4a|ogg|jpe?g|png|gif|webp|zip|pdf)$/i;

/**
 * Writes the entries to `dest` through a temporary file renamed at the end,
 * so a failure never leaves a half-written zip under the final name.
 * `onEntry` is called as each entry has been read into the zip.
 */
export async function writeZip(
  dest: string,
  entries: readonly ZipEntry[],
  onEntry: (name: string) => void,
): Promise<number> {
  const temporary = `${dest}.${randomBytes(6).toString('hex')}.partial`;
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if ('text' in entry) {
      zip.addBuffer(Buffer.from(entry.text, 'utf8'), entry.name);
      onEntry(entry.name);
    } else {
      const stream = createReadStream(entry.source);
      stream.on('end', () => onEntry(entry.name));
      // yazl does not watch its input streams; fail the whole zip instead of hanging.
      stream.on('error', (error) => (zip.outputStream as Readable).destroy(error));
      zip.addReadStream(stream, entry.name, { compress: !STORED.test(entry.name) });
    }
  }
  zip.end();
  try {
    await pipeline(zip.outputStream, createWriteStream(temporary));
    const { size } = await stat(temporary);
    await rename(temporary, dest);
    return size;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PackageRejectedError, readOwner, unpackPackage } from '../src/host/index';
import { scorm12Manifest, scorm2004Manifest, tempDir, writeZip } from './host-fixtures';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function workspace() {
  const root = await tempDir('unpack');
  dirs.push(root);
  return { root, packagesDir: join(root, 'packages') };
}

async function rejection(promise: Promise<unknown>): Promise<PackageRejectedError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackageRejectedError);
  return error as PackageRejectedError;
}

/** What is left in packagesDir, hidden staging folders included. */
async function leftovers(packagesDir: string): Promise<string[]> {
  return readdir(packagesDir).catch(() => []);
}

describe('unpackPackage', () => {
  it('unpacks a SCORM 1.2 zip and reads title, version and launch file from its manifest', async () => {
    const { root, packagesDir } = await workspace();
    const zip = await writeZip(root, 'berakhlak-scorm12.zip', [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Nilai Dasar BerAKHLAK') },
      { path: 'index.html', text: '<p>unit</p>' },
      { path: 'readme.html', text: '<p>readme</p>' },
    ]);

    const unpacked = await unpackPackage(zip, packagesDir);

    expect(unpacked.name).toBe('berakhlak-scorm12');
    expect(unpacked.manifest).toEqual({
      title: 'Nilai Dasar BerAKHLAK',
      version: '1.2',
      launch: 'index.html',
      identifier: 'smart-test',
      sco: { identifier: 'sco-1', title: 'Nilai Dasar BerAKHLAK' },
    });
    expect(await readFile(join(unpacked.dir, 'index.html'), 'utf8')).toBe('<p>unit</p>');
    expect(await leftovers(packagesDir)).toEqual(['berakhlak-scorm12']);
  });

  it('reads a SCORM 2004 manifest, joining xml:base to the launch href', async () => {
    const { root, packagesDir } = await workspace();
    const zip = await writeZip(root, 'p.zip', [
      { path: 'imsmanifest.xml', text: scorm2004Manifest('Etika Publik', 'start.html?lang=id') },
      { path: 'content/start.html', text: '<p>2004</p>' },
    ]);

    const unpacked = await unpackPackage(zip, packagesDir, { name: 'etika-2004' });

    expect(unpacked.manifest).toMatchObject({ title: 'Etika Publik', version: '2004', launch: 'content/start.html?lang=id' });
  });

  it('replaces an older version of the same package and leaves no staging folder', async () => {
    const { root, packagesDir } = await workspace();
    const first = await writeZip(root, 'v1.zip', [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Versi 1') },
      { path: 'index.html', text: 'v1' },
      { path: 'old-only.html', text: 'gone after v2' },
    ]);
    const second = await writeZip(root, 'v2.zip', [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Versi 2') },
      { path: 'index.html', text: 'v2' },
    ]);
    await unpackPackage(first, packagesDir, { name: 'kursus' });

    const unpacked = await unpackPackage(second, packagesDir, { name: 'kursus' });

    expect(unpacked.manifest.title).toBe('Versi 2');
    expect((await readdir(unpacked.dir)).sort()).toEqual(['imsmanifest.xml', 'index.html']);
    expect(await leftovers(packagesDir)).toEqual(['kursus']);
  });

  it('records the store a package reports to, and never takes an owner from the zip itself', async () => {
    const { root, packagesDir } = await workspace();
    const claiming = [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Klaim') },
      { path: 'index.html', text: '<p>unit</p>' },
      { path: '.smart-host.json', text: JSON.stringify({ owner: 'pemda-lain' }) },
    ];
    const zip = await writeZip(root, 'klaim.zip', claiming);

    const unowned = await unpackPackage(zip, packagesDir, { name: 'tanpa-pemilik' });
    const owned = await unpackPackage(zip, packagesDir, { name: 'milik-default', owner: 'default' });

    expect(await readOwner(unowned.dir)).toBeNull();
    expect(await readOwner(owned.dir)).toBe('default');
  });

  it('refuses a zip-slip entry (../evil.txt) and writes nothing', async () => {
    const { root, packagesDir } = await workspace();
    const zip = await writeZip(root, 'slip.zip', [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Slip') },
      { path: 'index.html', text: 'x' },
      { path: 'zz/evil.txt', hostileName: '../evil.txt', text: 'escaped' },
    ]);

    const error = await rejection(unpackPackage(zip, packagesDir));

    expect(error.code).toBe('unsafe_entry');
    expect(error.message).toContain('../evil.txt');
    expect(await leftovers(packagesDir)).toEqual([]);
    expect(await readdir(root)).not.toContain('evil.txt');
  });

  it('refuses an entry with an absolute path', async () => {
    const { root, packagesDir } = await workspace();
    const zip = await writeZip(root, 'absolute.zip', [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Absolute') },
      { path: 'Xtmp/smart-absolute.txt', hostileName: '/tmp/smart-absolute.txt', text: 'escaped' },
    ]);

    const error = await rejection(unpackPackage(zip, packagesDir));

    expect(error.code).toBe('unsafe_entry');
    expect(error.message).toContain('absolute path');
    expect(await leftovers(packagesDir)).toEqual([]);
  });

  it('refuses a symbolic link entry', async () => {
    const { root, packagesDir } = await workspace();
    const zip = await writeZip(root, 'link.zip', [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Link') },
      { path: 'index.html', text: '/etc/passwd', mode: 0o120777 },
    ]);

    const error = await rejection(unpackPackage(zip, packagesDir));

    expect(error.code).toBe('unsafe_entry');
    expect(error.message).toContain('symbolic link');
    expect(await leftovers(packagesDir)).toEqual([]);
  });

  it('refuses a zip with more files than allowed', async () => {
    const { root, packagesDir } = await workspace();
    const files = Array.from({ length: 6 }, (_, i) => ({ path: `page-${i}.html`, text: String(i) }));
    const zip = await writeZip(root, 'many.zip', [{ path: 'imsmanifest.xml', text: scorm12Manifest('Banyak') }, ...files]);

    const error = await rejection(unpackPackage(zip, packagesDir, { maxFiles: 5 }));

    expect(error.code).toBe('too_many_files');
    expect(error.message).toContain('7 entries');
    expect(await leftovers(packagesDir)).toEqual([]);
  });

  it('refuses a zip that unpacks to more bytes than allowed', async () => {
    const { root, packagesDir } = await workspace();
    const zip = await writeZip(root, 'big.zip', [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Besar') },
      { path: 'index.html', text: 'a'.repeat(10_000) },
    ]);

    const error = await rejection(unpackPackage(zip, packagesDir, { maxBytes: 5_000 }));

    expect(error.code).toBe('too_large');
    expect(await leftovers(packagesDir)).toEqual([]);
  });

  it('refuses a zip without imsmanifest.xml', async () => {
    const { root, packagesDir } = await workspace();
    const zip = await writeZip(root, 'plain.zip', [{ path: 'index.html', text: 'not scorm' }]);

    const error = await rejection(unpackPackage(zip, packagesDir));

    expect(error.code).toBe('missing_manifest');
    expect(error.message).toContain('imsmanifest.xml');
    expect(await leftovers(packagesDir)).toEqual([]);
  });

  it('refuses a manifest whose launch file is not in the zip', async () => {
    const { root, packagesDir } = await workspace();
    const zip = await writeZip(root, 'nolaunch.zip', [{ path: 'imsmanifest.xml', text: scorm12Manifest('Kosong') }]);

    const error = await rejection(unpackPackage(zip, packagesDir));

    expect(error.code).toBe('invalid_manifest');
    expect(error.message).toContain('"index.html"');
  });

  it('leaves internal entities in a manifest unexpanded', async () => {
    const { root, packagesDir } = await workspace();
    const manifest = scorm12Manifest('&big;').replace(
      '<manifest',
      '<!DOCTYPE manifest [<!ENTITY big "BerAKHLAK BerAKHLAK BerAKHLAK">]>\n<manifest',
    );
    const zip = await writeZip(root, 'entity.zip', [
      { path: 'imsmanifest.xml', text: manifest },
      { path: 'index.html', text: 'x' },
    ]);

    const unpacked = await unpackPackage(zip, packagesDir, { name: 'entity' });

    expect(unpacked.manifest.title).toBe('&big;');
  });

  it('refuses a manifest declaring an external entity (XXE) and writes nothing', async () => {
    const { root, packagesDir } = await workspace();
    const manifest = scorm12Manifest('&xxe;').replace(
      '<manifest',
      '<!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<manifest',
    );
    const zip = await writeZip(root, 'xxe.zip', [
      { path: 'imsmanifest.xml', text: manifest },
      { path: 'index.html', text: 'x' },
    ]);

    const error = await rejection(unpackPackage(zip, packagesDir, { name: 'xxe' }));

    expect(error.code).toBe('invalid_manifest');
    expect(await leftovers(packagesDir)).toEqual([]);
  });

  it('refuses a package name that could escape the packages folder', async () => {
    const { root, packagesDir } = await workspace();
    const zip = await writeZip(root, 'ok.zip', [{ path: 'imsmanifest.xml', text: scorm12Manifest('Nama') }]);

    const error = await rejection(unpackPackage(zip, packagesDir, { name: '../outside' }));

    expect(error.code).toBe('invalid_name');
  });
});

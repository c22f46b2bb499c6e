import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unpackPackage } from '../src/host/index';
import { SCO_PAGE, scorm12Manifest, scorm2004Manifest, startHost, tempDir, writeZip } from './host-fixtures';

let root: string;
let host: Awaited<ReturnType<typeof startHost>>;

beforeAll(async () => {
  root = await tempDir('router');
  const packagesDir = join(root, 'packages');
  const distDir = join(root, 'dist');
  await mkdir(join(distDir, 'host'), { recursive: true });
  await writeFile(join(distDir, 'host', 'host.js'), '/* host bundle */');
  await unpackPackage(
    await writeZip(root, 'berakhlak-scorm12.zip', [
      { path: 'imsmanifest.xml', text: scorm12Manifest('Nilai Dasar BerAKHLAK') },
      { path: 'index.html', text: SCO_PAGE },
      { path: 'readme.html', text: 'readme' },
    ]),
    packagesDir,
  );
  await unpackPackage(
    await writeZip(root, 'etika-2004.zip', [
      { path: 'imsmanifest.xml', text: scorm2004Manifest('Etika Publik') },
      { path: 'content/index.html', text: '2004' },
    ]),
    packagesDir,
  );
  await writeFile(join(root, 'secret.txt'), 'outside the packages folder');
  host = await startHost({ packagesDir, distDir });
});

afterAll(async () => {
  await host?.close();
  await rm(root, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${host.origin}${path}`);

describe('host router', () => {
  it('lists the unpacked packages in Indonesian with a play button for each', async () => {
    const response = await get('/host/');
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(page).toContain('<html lang="id">');
    expect(page).toContain('Nilai Dasar BerAKHLAK');
    expect(page).toContain('Etika Publik');
    expect(page).toContain('formaction="play/berakhlak-scorm12"');
    expect(page).toContain('formaction="play/etika-2004"');
    expect(page).toContain('NIP peserta');
    expect(page).toContain('<a href="./?lang=en" lang="en">English</a>');
  });

  it('lists the packages in English when asked with ?lang=en', async () => {
    const page = await (await get('/host/?lang=en')).text();

    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Learner NIP');
    expect(page).toContain('<a href="./?lang=id" lang="id">Bahasa Indonesia</a>');
  });

  it('serves a file of an unpacked package', async () => {
    const response = await get('/host/packages/berakhlak-scorm12/readme.html');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toBe('readme');
  });

  it('answers 404 for a package that is not installed and for paths climbing out', async () => {
    expect((await get('/host/packages/unknown/index.html')).status).toBe(404);
    expect((await get('/host/packages/..%2Fsecret.txt')).status).toBe(404);
    expect((await get('/host/packages/berakhlak-scorm12/..%2F..%2Fsecret.txt')).status).not.toBe(200);
  });

  it('builds the play page with the package launch, SCORM version and learner', async () => {
    const response = await get('/host/play/etika-2004?learner=198503302010011002&name=Siti%20Rahmawati');
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(page).toContain('<base href="/host/">');
    expect(page).toContain('src="assets/scorm-again.js"');
    expect(page).toContain('src="assets/host.js"');
    expect(page).toContain('launch="packages/etika-2004/content/index.html"');
    expect(page).toContain('version="2004"');
    expect(page).toContain('learner-id="198503302010011002"');
    expect(page).toContain('learner-name="Siti Rahmawati"');
  });

  it('refuses to play without an 18-digit NIP, saying what to enter', async () => {
    const response = await get('/host/play/etika-2004?learner=12345');

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('NIP harus terdiri atas 18 digit angka');
  });

  it('answers 404 with a way back when the package to play does not exist', async () => {
    const response = await get('/host/play/tidak-ada?learner=198503302010011002');

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Kembali ke daftar paket');
  });

  it('serves the host bundle and scorm-again', async () => {
    const bundle = await get('/host/assets/host.js');
    const scormAgain = await get('/host/assets/scorm-again.js');

    expect(await bundle.text()).toBe('/* host bundle */');
    expect(scormAgain.status).toBe(200);
    expect(await scormAgain.text()).toContain('Scorm12API');
  });
});

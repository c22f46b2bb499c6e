import { describe, expect, it } from 'vitest';
import { parseManifest, PackageRejectedError } from '../src/host/index';
import { scorm12Manifest, scorm2004Manifest } from './host-fixtures';

/** A SCORM 1.2 manifest with `doctype` before the root and `title` as the organisation's title. */
function manifestWith(doctype: string, title: string): string {
  return scorm12Manifest(title).replace('<manifest ', `${doctype}\n<manifest `);
}

describe('parseManifest', () => {
  it('reads the identifier, the launched SCO and the title of the item pointing at it', () => {
    expect(parseManifest(scorm12Manifest('Kuis'))).toEqual({
      title: 'Kuis',
      version: '1.2',
      launch: 'index.html',
      identifier: 'smart-test',
      sco: { identifier: 'sco-1', title: 'Kuis' },
    });
    expect(parseManifest(scorm2004Manifest('Kuis 2004'))).toMatchObject({
      identifier: 'smart-test-2004',
      launch: 'content/index.html',
      sco: { identifier: 'sco-1' },
    });
  });

  it('refuses a manifest declaring an external entity (XXE), never reading the file it names', () => {
    const xxe = manifestWith('<!DOCTYPE manifest [<!ENTITY secret SYSTEM "file:///etc/passwd">]>', 'a &secret; b');

    expect(() => parseManifest(xxe)).toThrow(PackageRejectedError);
    expect(() => parseManifest(xxe)).toThrow(/not well-formed XML/);
  });

  it('expands no internal entity at all', () => {
    const declared = manifestWith('<!DOCTYPE manifest [<!ENTITY judul "Judul dari entitas">]>', '&judul;');

    expect(parseManifest(declared).title).toBe('&judul;');
  });

  it('leaves nested internal entities (billion laughs) unexpanded', () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let level = 1; level <= 9; level += 1) {
      levels.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
    }
    const bomb = manifestWith(`<!DOCTYPE manifest [${levels.join('')}]>`, '&lol9;');

    const manifest = parseManifest(bomb);

    expect(manifest.title).toBe('&lol9;');
    expect(manifest.launch).toBe('index.html');
  });
});

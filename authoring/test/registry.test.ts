import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistrySourceError, loadRegistry } from '../src/index';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function csvFile(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'smart-registry-'));
  dirs.push(dir);
  const file = path.join(dir, 'pegawai.csv');
  await writeFile(file, text);
  return file;
}

async function problemsOf(text: string) {
  const error = await loadRegistry(await csvFile(text)).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RegistrySourceError);
  return (error as RegistrySourceError).problems.map((p) => `${p.file}:${p.line} ${p.message}`);
}

describe('loadRegistry', () => {
  it('reads employees in any column order, with or without a position', async () => {
    const file = await csvFile(
      'name,nip,unit,position\n' +
        'Siti Rahma,198503102010012001,Biro Umum,Analis SDM\n' +
        '"Budi, S.Sos",199001152015031002,BPSDM,\n',
    );

    expect(await loadRegistry(file)).toEqual([
      { nip: '198503102010012001', name: 'Siti Rahma', unit: 'Biro Umum', position: 'Analis SDM' },
      { nip: '199001152015031002', name: 'Budi, S.Sos', unit: 'BPSDM' },
    ]);
  });

  it('accepts the semicolon-separated CSV spreadsheets export', async () => {
    const file = await csvFile('nip;name;unit\n198503102010012001;Siti Rahma;Biro Umum\n');

    expect(await loadRegistry(file)).toEqual([{ nip: '198503102010012001', name: 'Siti Rahma', unit: 'Biro Umum' }]);
  });

  it('reports every malformed and duplicate row with its line and the NIP rule it breaks', async () => {
    const problems = await problemsOf(
      'nip,name,unit,position\n' +
        '198503102010012001,Siti Rahma,Biro Umum,\n' +
        '19850310201001200,Pendek,Biro Umum,\n' +
        '198503102010013001,Salah Kelamin,Biro Umum,\n' +
        '198503102010012001,Siti Lagi,Biro Umum,\n' +
        '199001152015031002,,BPSDM,\n',
    );

    expect(problems).toEqual([
      expect.stringMatching(/^pegawai\.csv:3 NIP "19850310201001200" is not valid: it has 17 digits/),
      expect.stringMatching(/^pegawai\.csv:4 NIP "198503102010013001" is not valid: digit 15 \(gender\)/),
      'pegawai.csv:5 NIP 198503102010012001 is already on line 2; each employee appears once',
      'pegawai.csv:6 name missing; every row needs nip, name and unit',
    ]);
  });

  it('rejects a header without the required columns', async () => {
    const problems = await problemsOf('nip,nama,unit\n198503102010012001,Siti,Biro Umum\n');

    expect(problems).toEqual([
      'pegawai.csv:1 unknown column "nama"; the columns are nip, name, unit, position',
      'pegawai.csv:1 the header lacks name; it must name the columns nip, name, unit and optionally position',
    ]);
  });
});

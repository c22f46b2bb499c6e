import { fileURLToPath } from 'node:url';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
import { describe, expect, it } from 'vitest';

// The two unit bundles as rollup.config.js builds them: which modules end
// up in each after tree-shaking. A SCORM or xAPI zip must not carry the
// cmi5 host and @xapi/cmi5 (issue 4: no package bigger than it needs).

const CONFIG = fileURLToPath(new URL('../../rollup.config.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The modules rendered into the bundle of `input`, as paths from the repository root. */
async function bundledModules(input: string): Promise<string[]> {
  const { default: configs } = (await import(CONFIG)) as { default: RollupOptions[] };
  const config = configs.find((candidate) => candidate.input === input);
  if (!config) throw new Error(`rollup.config.js has no entry ${input}`);
  const bundle = await rollup({ ...config, onwarn: () => {} });
  try {
    const { output } = await bundle.generate({ ...(config.output as OutputOptions), file: undefined });
    return Object.entries(output[0].modules)
      .filter(([, module]) => module.renderedLength > 0)
      .map(([id]) => id.replace(ROOT, '').replace(/^\0/, ''));
  } finally {
    await bundle.close();
  }
}

describe('unit bundles', () => {
  it('builds smart-unit.js without the cmi5 host or @xapi/cmi5, from the ES module build of @xapi/xapi', async () => {
    const modules = await bundledModules('player/src/unit.ts');

    expect(modules).toContain('packages/runtime/src/host.ts');
    expect(modules).toContain('packages/runtime/src/xapi-launch-host.ts');
    expect(modules).toContain('node_modules/@xapi/xapi/dist/XAPI.esm.js');
    expect(modules.filter((id) => id.includes('@xapi/cmi5') || id.endsWith('cmi5-host.ts'))).toEqual([]);
    expect(modules.filter((id) => id.includes('XAPI.umd.js') || id.includes('XAPI.cjs.js'))).toEqual([]);
  });

  it('builds smart-unit-cmi5.js with the cmi5 host and one copy of each @xapi build', async () => {
    const modules = await bundledModules('player/src/unit-cmi5.ts');

    expect(modules).toContain('packages/runtime/src/cmi5-host.ts');
    expect(modules).toContain('node_modules/@xapi/cmi5/dist/Cmi5.esm.js');
    expect(modules.filter((id) => id.includes('@xapi/')).sort()).toEqual([
      'node_modules/@xapi/cmi5/dist/Cmi5.esm.js',
      'node_modules/@xapi/xapi/dist/XAPI.esm.js',
    ]);
  });
});

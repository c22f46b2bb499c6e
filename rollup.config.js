// Browser bundles. TypeScript is compiled by esbuild here (type checking is
// `npm run typecheck`); lit and @xapi/xapi are bundled in, so a package zip
// needs nothing from the network.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const plugins = () => [
  nodeResolve({
    browser: true,
    // An ES module build before a package's `browser` build: @xapi/xapi
    // names its UMD build as `browser`, which rollup can only wrap whole
    // as CommonJS. `browser` still maps Node-only files of other packages.
    mainFields: ['module', 'browser', 'main'],
    // `production` picks lit's production build: no dev-mode warnings in a learner's console.
    exportConditions: ['production'],
    extensions: ['.ts', '.js', '.mjs'],
  }),
  commonjs(),
  esbuild({ target: 'es2020', tsconfig: 'tsconfig.json' }),
  terser({ format: { comments: false } }),
];

const quiet = (warning, warn) => {
  // lit and @xapi/xapi ship `this` at module top level in some builds.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  // Two unit bundles: the lean one for SCORM 1.2, SCORM 2004 and xAPI
  // packages, and one with the cmi5 host (and @xapi/cmi5) for cmi5
  // packages only. See HostLauncher in packages/runtime/src/host.ts.
  {
    input: 'player/src/unit.ts',
    output: { file: 'dist/unit/smart-unit.js', format: 'iife', name: 'SmartUnit', sourcemap: false },
    plugins: plugins(),
    onwarn: quiet,
  },
  {
    input: 'player/src/unit-cmi5.ts',
    output: { file: 'dist/unit/smart-unit-cmi5.js', format: 'iife', name: 'SmartUnit', sourcemap: false },
    plugins: plugins(),
    onwarn: quiet,
  },
  {
    input: 'player/src/host/host-page.ts',
    output: { file: 'dist/host/host.js', format: 'es', sourcemap: true },
    plugins: plugins(),
    onwarn: quiet,
  },
  {
    input: 'packages/components/src/console/console-app.ts',
    output: { file: 'dist/console/console.js', format: 'es', sourcemap: true },
    plugins: plugins(),
    onwarn: quiet,
  },
];

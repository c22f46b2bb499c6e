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
  {
    input: 'player/src/unit.ts',
    output: { file: 'dist/unit/smart-unit.js', format: 'iife', name: 'SmartUnit', sourcemap: false },
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

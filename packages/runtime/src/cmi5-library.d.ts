/**
 * @xapi/cmi5 names no `main` entry, only `module` and `browser` builds,
 * so Node-side tools (vitest in Node) cannot resolve the bare name. The
 * runtime imports its ES module build by path; this gives that path the
 * package's own types.
 */
declare module '@xapi/cmi5/dist/Cmi5.esm.js' {
  export { default } from '@xapi/cmi5';
  export * from '@xapi/cmi5';
}

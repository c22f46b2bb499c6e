/**
 * The SMART Training player: `<smart-cat-player>`, the element that runs
 * one test (importing it registers no tag; call `defineCatPlayer()`), and
 * the host that plays packages through scorm-again on the LRS.
 */
export * from './cat/index';
export * from './host/index';

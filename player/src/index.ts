/**
 * The SMART Training player, server side: the host that unpacks SCORM
 * packages and plays them through scorm-again on the LRS. The browser
 * parts are separate entries, so Node never loads Lit:
 * `@smart-training/player/cat` (`<smart-cat-player>`, one test) and the
 * bundle entries `src/unit.ts` and `src/host/host-page.ts`.
 */
export * from './host/index';

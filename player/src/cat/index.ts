/** The CAT player: one test, from form to result. Call `defineCatPlayer()` to register the tag. */
export { SmartCatPlayer, type TestClient, type TestExitDetail } from './cat-player';
export { defineCatPlayer } from './define';

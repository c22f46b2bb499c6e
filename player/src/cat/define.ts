import { SmartCatPlayer } from './cat-player';

/**
 * Registers `<smart-cat-player>` unless the tag is already taken (the
 * bundle loaded twice).
 */
export function defineCatPlayer(): void {
  if (customElements.get('smart-cat-player') === undefined) {
    customElements.define('smart-cat-player', SmartCatPlayer);
  }
}

/**
 * Browser entry of the host player page (`/host/play/:pkg`), built by
 * rollup to dist/host/host.js: defines `<smart-host-player>`.
 */
import { SmartHostPlayer } from './host-player';

if (!customElements.get('smart-host-player')) {
  customElements.define('smart-host-player', SmartHostPlayer);
}

declare global {
  interface HTMLElementTagNameMap {
    'smart-host-player': SmartHostPlayer;
  }
}

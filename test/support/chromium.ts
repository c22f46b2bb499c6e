import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless, with the flags this project's machines need:
 * no sandbox (root), no GPU, and no background traffic to hosts we cannot reach.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

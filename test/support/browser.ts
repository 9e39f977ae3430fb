import { type Browser, chromium as playwrightChromium } from 'playwright-core';
import { CHROMIUM_PATH } from './system';

/** Launches Debian's Chromium headless with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return playwrightChromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

import { type Browser, chromium as playwrightChromium } from 'playwright-core';
import { CHROMIUM_PATH } from './system';

/** Launches Debian's Chromium headless with the flags this closed network needs (`executablePath`: e.g. a wrapper). */
export function launchChromium(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  return playwrightChromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

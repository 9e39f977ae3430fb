/**
 * Scan-to-grid-row latency for `npm run bench:scan-latency`: scan mode on the Site screen, "Add rows", each
 * scan judged, placed as a new row (one undo step, validated, saved) and shown in the virtualised grid.
 * Measured from the serial terminator byte, or from the wedge scan's Enter as Chromium stamps it, to the
 * moment the MAC's text is in the grid (MutationObserver).
 */
import type { Page } from 'playwright-core';
import type { Core } from '../../electron/core/core';
import { cdpScanNow } from '../support/keys';
import { gotoScreen } from '../support/screens';
import type { SocatCable } from '../support/socat';

// Page side, as a string (the bundler's helpers must not leak into the page). `__arm(mac)` starts watching
// the grid for a MAC; `__done(mac)` resolves to when it appeared, with the last Enter's time.
const GRID_PROBE = `(() => {
  const grid = document.querySelector('[data-testid="grid"]');
  const watch = new Map();
  const check = () => {
    const text = grid.textContent;
    for (const [mac, w] of watch) {
      if (w.at || !text.includes(mac)) continue;
      w.at = { dom: performance.timeOrigin + performance.now(), enter: window.__lastEnter };
      w.resolve?.(w.at);
    }
  };
  new MutationObserver(check).observe(grid, { subtree: true, childList: true, characterData: true });
  window.__arm = (mac) => { watch.set(mac, {}); };
  window.__done = (mac) => new Promise((resolve, reject) => {
    const w = watch.get(mac);
    if (w.at) return resolve(w.at);
    w.resolve = resolve;
    setTimeout(() => reject(new Error(mac + ' not shown in the grid within 5 s')), 5000);
  });
})()`;

const canonical = (hex: string): string => hex.toLowerCase().match(/../g)!.join(':');
const nowAbs = (): number => performance.timeOrigin + performance.now();

/** Opens a new project on the Site screen in scan mode, "Add rows". */
async function openScanMode(page: Page, core: Core): Promise<void> {
  const created = await core.dispatch('projects:create', { name: 'Latency' });
  if (!created.ok) throw new Error(created.error.message);
  await core.dispatch('settings:update', { lastProjectId: (created.data as { id: string }).id });
  await gotoScreen(page, 'Site');
  await page.getByTestId('project-grid').waitFor();
  await page.getByTestId('scan-mode-toggle').click();
  await page.getByTestId('scan-append').check();
  await page.evaluate(GRID_PROBE);
}

/** Latencies (ms) to the grid row: serial byte → row, and wedge Enter → row, `scans` each. */
export async function benchGridRows(page: Page, core: Core, cable: SocatCable, scans: number, spacingMs: number): Promise<{ serial: number[]; wedge: number[] }> {
  await openScanMode(page, core);
  const serial: number[] = [];
  for (let i = 0; i < scans; i += 1) {
    const next = performance.now() + spacingMs;
    const hex = `805EC0F${i.toString(16).toUpperCase().padStart(5, '0')}`;
    await page.evaluate(`window.__arm(${JSON.stringify(canonical(hex))})`);
    cable.write(`${hex}\r`);
    const sentAt = nowAbs();
    const shown = await page.evaluate<{ dom: number }>(`window.__done(${JSON.stringify(canonical(hex))})`);
    serial.push(shown.dom - sentAt);
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  process.stderr.write(`grid, serial: ${scans} scans\n`);
  const cdp = await page.context().newCDPSession(page);
  await page.getByTestId('grid').focus();
  const wedge: number[] = [];
  for (let i = 0; i < scans; i += 1) {
    const hex = `0C383E${i.toString(16).toUpperCase().padStart(6, '0')}`;
    await page.evaluate(`window.__arm(${JSON.stringify(canonical(hex))})`);
    await cdpScanNow(cdp, hex);
    const shown = await page.evaluate<{ dom: number; enter: number }>(`window.__done(${JSON.stringify(canonical(hex))})`);
    wedge.push(shown.dom - shown.enter);
  }
  process.stderr.write(`grid, wedge: ${scans} scans\n`);
  return { serial, wedge };
}

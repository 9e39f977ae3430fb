/**
 * Scan-to-screen latency, median and p99 over 500 scans each (goal: p99 ≤ 50 ms):
 * - serial: from the terminator byte written to a socat pty, through serialport, the classifier, the
 *   event hub and the browser shell's WebSocket, to the scan's row in the Scanners screen's last-scans panel;
 * - wedge: from the Enter keydown ending a scanner-speed burst (Chromium's own time for it) through the
 *   detector and `barcode:classify` to the same panel.
 * "dom" is when the row is in the page (MutationObserver); "frame" adds the wait for the next animation
 * frame (when it can be painted). Then the same two paths to the grid row in scan mode (scan-latency-grid.ts). Needs socat, Chromium and a built renderer (`npm run bench:scan-latency` builds).
 * Prints one JSON object on the last line.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { createCore } from '../../electron/core/core';
import { startWebShell } from '../../electron/web/server';
import { launchChromium } from '../support/browser';
import { cdpScanNow } from '../support/keys';
import { benchGridRows } from './scan-latency-grid';
import { gotoScreen } from '../support/screens';
import { SocatCable } from '../support/socat';
import { tempDir } from '../support/temp';

const SCANS = 500;
// Ten scans a second: faster than anyone scans boxes, slow enough to measure latency rather than a queue.
const SERIAL_SPACING_MS = 100;
const RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** Absolute time in ms (same clock in Node and Chromium on one machine). */
const nowAbs = (): number => performance.timeOrigin + performance.now();

const mac = (prefix: string, i: number): string => `${prefix}${i.toString(16).toUpperCase().padStart(6, '0')}`;

// Page side, as strings so the bundler's helpers do not leak into the page.
const KEY_PROBE = `window.__lastEnter = 0;
window.__lastEnterHandled = 0;
window.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  window.__lastEnter = performance.timeOrigin + e.timeStamp;
  window.__lastEnterHandled = performance.timeOrigin + performance.now();
}, true);`;
const ROW_PROBE = `(() => {
  window.__seen = new Map();
  window.__waiters = new Map();
  const note = (li, t) => {
    const raw = li.getAttribute('data-raw');
    if (!raw || window.__seen.has(raw)) return;
    const entry = { dom: t, frame: 0, enter: window.__lastEnter, handled: window.__lastEnterHandled };
    window.__seen.set(raw, entry);
    requestAnimationFrame(() => {
      entry.frame = performance.timeOrigin + performance.now();
      window.__waiters.get(raw)?.();
    });
  };
  new MutationObserver((records) => {
    const t = performance.timeOrigin + performance.now();
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      if (n.matches('li[data-raw]')) note(n, t);
      for (const li of n.querySelectorAll('li[data-raw]')) note(li, t);
    }
  }).observe(document.querySelector('main'), { childList: true, subtree: true });
})()`;

interface Seen {
  dom: number;
  frame: number;
  /** The Enter's own event time, and when the page got to handle it (the difference is input delivery). */
  enter: number;
  handled: number;
}

function stats(values: number[]): { medianMs: number; p99Ms: number; maxMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (v: number): number => Math.round(v * 100) / 100;
  return { medianMs: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted.at(-1) ?? NaN) };
}

async function seenRows(page: Page): Promise<Record<string, Seen>> {
  return page.evaluate('Object.fromEntries(window.__seen)');
}

async function benchSerial(page: Page, cable: SocatCable): Promise<{ dom: number[]; frame: number[] }> {
  const sent = new Map<string, number>();
  const start = performance.now() + 50;
  for (let i = 0; i < SCANS; i++) {
    const wait = start + i * SERIAL_SPACING_MS - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const code = mac('805EC0', i);
    cable.write(`${code}\r`);
    sent.set(code, nowAbs());
  }
  // Waits in the page (a string: the page's CSP forbids eval-based polling), checking four times a second.
  await page.evaluate(`new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const rows = [...window.__seen].filter(([k, e]) => k.startsWith('805EC0') && e.frame > 0).length;
      if (rows >= ${SCANS}) resolve();
      else if (Date.now() - started > 120000) reject(new Error('only ' + rows + ' serial scans shown'));
      else setTimeout(check, 250);
    };
    check();
  })`);
  const rows = await seenRows(page);
  const dom: number[] = [];
  const frame: number[] = [];
  for (const [code, at] of sent) {
    const row = rows[code];
    if (!row) throw new Error(`serial scan ${code} never shown`);
    dom.push(row.dom - at);
    frame.push(row.frame - at);
  }
  return { dom, frame };
}

/** One wedge scan on the Scanners screen ({@link cdpScanNow}); resolves once its row is framed. */
async function wedgeScan(page: Page, cdp: CDPSession, code: string): Promise<void> {
  const shown = page.evaluate(`new Promise((resolve) => {
    const raw = ${JSON.stringify(code)};
    if (window.__seen.get(raw)?.frame) resolve(); else window.__waiters.set(raw, resolve);
  })`);
  await cdpScanNow(cdp, code);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void page
        .evaluate('[...window.__seen.keys()].slice(-3)')
        .then((last) => reject(new Error(`wedge scan ${code} not shown within 5 s; last rows: ${JSON.stringify(last)}`)));
    }, 5_000);
  });
  await Promise.race([shown, timeout]).finally(() => clearTimeout(timer));
}

async function benchWedge(page: Page): Promise<{ dom: number[]; frame: number[]; handledToDom: number[] }> {
  const cdp = await page.context().newCDPSession(page);
  await page.getByTestId('scanner-try-field').focus();
  const codes = Array.from({ length: SCANS }, (_, i) => mac('C074AD', i));
  for (const [i, code] of codes.entries()) {
    await wedgeScan(page, cdp, code);
    if ((i + 1) % 100 === 0) process.stderr.write(`wedge: ${i + 1} scans\n`);
  }
  const rows = await seenRows(page);
  const dom: number[] = [];
  const frame: number[] = [];
  const handledToDom: number[] = [];
  for (const code of codes) {
    const row = rows[code];
    if (!row?.enter) throw new Error(`wedge scan ${code} never shown`);
    dom.push(row.dom - row.enter);
    frame.push(row.frame - row.enter);
    handledToDom.push(row.dom - row.handled);
  }
  return { dom, frame, handledToDom };
}

async function main(): Promise<void> {
  const dir = tempDir('onsite-bench-scan-');
  const cable = new SocatCable(dir.path);
  await cable.plug();
  const core = createCore({ dataDir: `${dir.path}/data`, shell: 'web' });
  const shell = await startWebShell({ core, staticDir: RENDERER });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addInitScript(KEY_PROBE);
    await page.goto(shell.url);
    await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
    await gotoScreen(page, 'Scanners');
    await page.getByTestId('scanner-try-field').waitFor();
    await page.evaluate(ROW_PROBE);
    const connected = await core.dispatch('scanner:connect', { path: cable.appSide });
    if (!connected.ok) throw new Error(connected.error.message);

    const serial = await benchSerial(page, cable);
    process.stderr.write(`serial: ${SCANS} scans\n`);
    const wedge = await benchWedge(page);
    const grid = await benchGridRows(page, core, cable, SCANS, SERIAL_SPACING_MS);
    const result = {
      bench: 'scan-latency',
      scans: SCANS,
      goalP99Ms: 50,
      serial: { ...stats(serial.dom), frame: stats(serial.frame), spacingMs: SERIAL_SPACING_MS },
      wedge: { ...stats(wedge.dom), frame: stats(wedge.frame), fromEnterHandled: stats(wedge.handledToDom) },
      gridRow: { serial: stats(grid.serial), wedge: stats(grid.wedge) },
      machine: { cpus: cpus().length, load1: Math.round(loadavg()[0]! * 100) / 100 },
    };
    process.stderr.write(
      `serial byte → row: median ${result.serial.medianMs} ms, p99 ${result.serial.p99Ms} ms (next frame p99 ${result.serial.frame.p99Ms} ms)\n` +
        `wedge Enter → row: median ${result.wedge.medianMs} ms, p99 ${result.wedge.p99Ms} ms (next frame p99 ${result.wedge.frame.p99Ms} ms; ` +
        `from the page handling the Enter: median ${result.wedge.fromEnterHandled.medianMs} ms, p99 ${result.wedge.fromEnterHandled.p99Ms} ms)\n` +
        `to the grid row (scan mode, add rows): serial median ${result.gridRow.serial.medianMs} ms, p99 ${result.gridRow.serial.p99Ms} ms; ` +
        `wedge median ${result.gridRow.wedge.medianMs} ms, p99 ${result.gridRow.wedge.p99Ms} ms\n`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await shell.close();
    await core.close();
    await cable.unplug();
    dir.cleanup();
  }
}

await main();

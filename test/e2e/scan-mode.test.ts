import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Project, type Row, emptyRow } from '../../shared/domain/project';
import { cdpType, usKeys } from '../support/keys';
import { gotoScreen } from '../support/screens';
import { SocatCable } from '../support/socat';
import { type Requirement, chromium, describeWith, socat } from '../support/system';
import { tempDir } from '../support/temp';
import { useBrowserShell } from '../support/web-shell';

/** Both parts, or the first one missing. */
const both = (a: Requirement, b: Requirement): Requirement => (a.ok ? b : a);

/** The MAC typed earlier into the last planned row: the box scanned again later is a duplicate. */
const TYPED_MAC = '80:5e:c0:00:00:ff';
/** The 46 phone boxes in the order they are scanned: a Yealink block, the last 16 Grandstream. */
const BOXES = Array.from({ length: 46 }, (_, i) => (i < 30 ? `805EC0A0${(i + 1).toString(16).toUpperCase().padStart(4, '0')}` : `C074ADB0${(i + 1).toString(16).toUpperCase().padStart(4, '0')}`));
const canonical = (hex: string): string => hex.toLowerCase().match(/../g)!.join(':');

describeWith(both(chromium(), socat()), 'scan mode on the Site screen (fill 48 pre-planned rows by scanning only)', () => {
  const h = useBrowserShell();
  const dir = tempDir('onsite-scan-mode-');
  let cable: SocatCable;
  let projectId: string;
  let page: Page;
  let cdp: CDPSession;

  beforeAll(async () => {
    cable = new SocatCable(dir.path);
    await cable.plug();
    const connected = await h.core.dispatch('scanner:connect', { path: cable.appSide, terminator: 'cr' });
    if (!connected.ok) throw new Error(connected.error.message);
    const created = await h.core.dispatch('projects:create', { name: 'Scan site' });
    if (!created.ok) throw new Error(created.error.message);
    projectId = (created.data as { id: string }).id;
    // 48 planned phones, extensions 101-148; the last one's MAC was typed in earlier.
    const rows: Row[] = Array.from({ length: 48 }, (_, i) => ({ ...emptyRow(`planned-${i}`), extension: String(101 + i), location: `Desk ${i + 1}`, ...(i === 47 ? { mac: TYPED_MAC } : {}) }));
    const saved = await h.core.dispatch('projects:save-rows', { id: projectId, rows });
    if (!saved.ok) throw new Error(saved.error.message);
    await h.core.dispatch('settings:update', { lastProjectId: projectId });

    page = await h.browser.newPage({ viewport: { width: 1400, height: 900 } });
    cdp = await page.context().newCDPSession(page);
    await page.goto(h.shell.url);
    await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
    await gotoScreen(page, 'Site');
    await page.getByTestId('project-grid').waitFor();
  });
  afterAll(async () => {
    await page?.close();
    await cable?.unplug();
    dir.cleanup();
  });

  const handled = async (): Promise<number> => Number(await page.getByTestId('scan-bar').getAttribute('data-handled'));
  const lastScan = () => page.locator('[data-testid="scan-bar"] [data-testid="last-scans"] li').first();
  const stored = async (): Promise<Project> => {
    const result = await h.core.dispatch('projects:get', { id: projectId });
    if (!result.ok) throw new Error(result.error.message);
    return result.data as Project;
  };

  it('fills the MAC column top-down from 48 scans (wedge and serial), refusing a serial number and a duplicate', async () => {
    // Select every row (Ctrl+A in the grid) and switch scan mode on: fill is the default.
    await page.locator('[data-testid="grid"] [data-col="0"]').first().click();
    await page.keyboard.press('Control+a');
    await page.getByTestId('scan-mode-toggle').click();
    await expect.poll(() => page.getByTestId('scan-bar').getAttribute('data-scan-mode')).toBe('fill');
    await expect.poll(() => page.getByTestId('scan-target').textContent()).toBe('Next MAC goes to row 1, extension 101.');

    // 48 scans: the first 31 with a USB keyboard-mode scanner, the rest with a serial one.
    const scans = [...BOXES.slice(0, 10), '20180412345678', ...BOXES.slice(10, 29), '805EC00000FF', ...BOXES.slice(29)];
    expect(scans).toHaveLength(48);
    for (const [i, code] of scans.entries()) {
      if (i < 31) await cdpType(cdp, usKeys(code), 3);
      else cable.write(`${code}\r`);
      await expect.poll(handled).toBe(i + 1);
      if (code === '20180412345678') {
        expect(await lastScan().getAttribute('data-outcome')).toBe('rejected');
        expect(await lastScan().textContent()).toMatch(/serial number.*Scan the barcode labelled MAC/);
      }
      if (code === '805EC00000FF') {
        expect(await lastScan().getAttribute('data-outcome')).toBe('duplicate');
        expect(await lastScan().textContent()).toContain(`${TYPED_MAC} is already in row 48 (extension 148)`);
      }
    }
    await expect.poll(() => page.getByTestId('scan-target').textContent()).toBe('Next MAC goes to row 47, extension 147.');
    // Nothing of the scans reached a cell or added a row.
    expect(await page.getByTestId('grid').getAttribute('data-rows')).toBe('48');

    // The store has it all once the grid has saved: 46 scanned rows in box order, the typed one, one left empty.
    await expect.poll(async () => (await stored()).rows.filter((r) => r.mac !== '').length, { timeout: 10_000 }).toBe(47);
    const rows = (await stored()).rows;
    expect(rows.slice(0, 46).map((r) => r.mac)).toEqual(BOXES.map(canonical));
    expect(rows.slice(0, 46).map((r) => r.extension)).toEqual(Array.from({ length: 46 }, (_, i) => String(101 + i)));
    expect(rows.slice(0, 29).every((r) => r.source === 'scanned-wedge' && r.vendor === 'Yealink')).toBe(true);
    expect(rows.slice(30, 46).every((r) => r.source === 'scanned-serial' && r.vendor === 'Grandstream')).toBe(true);
    expect(rows[29]).toMatchObject({ source: 'scanned-serial', vendor: 'Yealink' });
    expect(rows[46]).toMatchObject({ mac: '', extension: '147' });
    expect(rows[47]).toMatchObject({ mac: TYPED_MAC, source: 'typed', extension: '148' });
  });

  it('takes the last scan back with "Undo last scan", and the next scan goes where it was', async () => {
    await page.getByTestId('undo-last-scan').click();
    await expect.poll(() => page.getByTestId('scan-target').textContent()).toBe('Next MAC goes to row 46, extension 146.');
    expect(await lastScan().getAttribute('class')).toContain('last-scan-undone');
    await cdpType(cdp, usKeys('C074ADC0FFEE'), 2);
    await expect.poll(() => page.getByTestId('scan-target').textContent()).toBe('Next MAC goes to row 47, extension 147.');
    await expect.poll(async () => (await stored()).rows[45]?.mac, { timeout: 10_000 }).toBe('c0:74:ad:c0:ff:ee');
  });

  it('asks once for a MAC of a maker that is not a phone maker, and uses it only when confirmed', async () => {
    const before = await handled();
    await cdpType(cdp, usKeys('3C5AB4A1B2C3'), 2);
    await expect.poll(handled).toBe(before + 1);
    await expect.poll(() => page.getByTestId('scan-confirm').textContent()).toMatch(/registered to Google.*Scan it again, or press “Use it”/);
    expect(await lastScan().getAttribute('data-outcome')).toBe('needs-confirmation');
    await page.getByTestId('scan-confirm').getByRole('button', { name: 'Use it' }).click();
    await expect.poll(() => page.getByTestId('scan-target').textContent()).toBe('No selected row has an empty MAC: select the rows to fill.');
    await expect.poll(async () => (await stored()).rows[46]?.mac, { timeout: 10_000 }).toBe('3c:5a:b4:a1:b2:c3');
    if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });
  });
});

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { PbxSnapshot } from '../../shared/domain/pbx-snapshot';
import type { Project } from '../../shared/domain/project';
import { queueableRows, validateRows } from '../../shared/grid/validate';
import { type PbxSim, startPbxSim } from '../pbx-sim';
import { withoutSecretService } from '../profiles/harness';
import { gotoScreen } from '../support/screens';
import { sampleMac } from '../support/rows';
import { chromium, describeWith } from '../support/system';
import { useBrowserShell } from '../support/web-shell';

// The core in this process keeps Client Secrets in memory, never in the developer's keychain.
withoutSecretService();

/** Excel's clipboard text for 100 phones: CRLF, a final line break, MACs in the forms labels use. */
function hundredRows(): string {
  const lines: string[] = [];
  for (let i = 1; i <= 100; i += 1) {
    const hex = `805EC0${i.toString(16).toUpperCase().padStart(6, '0')}`;
    let mac = i % 3 === 0 ? hex.match(/../g)!.join('-') : i % 3 === 1 ? hex : hex.toLowerCase().match(/../g)!.join(':');
    let vendor = 'Yealink';
    if (i === 40) mac = '805EC0000003'; // the same phone as row 3: a duplicate
    if (i === 55) mac = '805EC000037'; // a digit short
    if (i === 70) vendor = '';
    lines.push([mac, vendor, 'SIP-T54W', 'YSDP_YealinkT5', 'pnp', 'No', i === 1 ? '1025' : ''].join('\t'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

describeWith(chromium(), 'assignment grid in the browser shell, against the PBX simulator', () => {
  const h = useBrowserShell();
  let sim: PbxSim;
  let profileId: string;
  // One simulated PBX (400 extensions 1000–1399, phones on 1000–1029) behind a profile, as the PBX screen makes it.
  beforeAll(async () => {
    sim = await startPbxSim();
    const saved = await h.core.dispatch('pbx:save-profile', { name: 'Simulated PBX', baseUrl: sim.url, clientId: sim.knobs.clientId, secret: sim.knobs.clientSecret });
    if (!saved.ok) throw new Error(saved.error.message);
    profileId = (saved.data as { profile: { id: string } }).profile.id;
  });
  afterAll(async () => {
    await sim?.close();
  });
  let context: BrowserContext | undefined;
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const openSite = async (): Promise<Page> => {
    context = await h.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await page.goto(h.shell.url);
    await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
    await gotoScreen(page, 'Site');
    return page;
  };
  const createProject = async (page: Page, name: string): Promise<string> => {
    await page.getByTestId('show-projects').or(page.getByTestId('new-project-name')).first().click();
    await page.getByTestId('new-project-name').fill(name);
    await page.getByRole('button', { name: 'Create' }).click();
    const grid = page.getByTestId('project-grid');
    await grid.waitFor();
    return (await grid.getAttribute('data-project-id'))!;
  };
  const stored = async (id: string): Promise<Project> => {
    const result = await h.core.dispatch('projects:get', { id });
    if (!result.ok) throw new Error(result.error.message);
    return result.data as Project;
  };
  const problems = (page: Page) => page.getByTestId('problems-bar');
  const cachedSnapshot = async (): Promise<PbxSnapshot> => {
    const result = await h.core.dispatch('pbx:snapshot', { id: profileId });
    if (!result.ok) throw new Error(result.error.message);
    return (result.data as { snapshot: PbxSnapshot }).snapshot;
  };
  /** Puts Excel's TSV on the real clipboard and pastes it into the grid with Ctrl+V. */
  const pasteFromClipboard = async (page: Page, text: string, rows: number): Promise<void> => {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.getByTestId('grid').focus();
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.getByTestId('grid').getAttribute('data-rows')).toBe(String(rows));
  };
  /** Ctrl+Home, then right to the extension column (the 7th). */
  const toFirstExtension = async (page: Page): Promise<void> => {
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowRight');
  };
  /** Chooses the simulated PBX for the open project and loads its data, as a technician would. */
  const usePbx = async (page: Page): Promise<void> => {
    expect(await page.getByTestId('pbx-state').textContent()).toContain('none chosen');
    await page.getByTestId('project-pbx').selectOption({ label: 'Simulated PBX' });
    await page.getByTestId('pbx-refresh-data').click();
    await expect.poll(() => page.getByTestId('pbx-state').getAttribute('data-state')).toBe('connected');
    expect(await page.getByTestId('pbx-state').textContent()).toMatch(/connected · data just now/);
  };

  it('plans a site: paste 100 rows from the clipboard, fill series, fix what the grid reports, every row ready', async () => {
    const page = await openSite();
    const id = await createProject(page, 'Plant room B');
    await usePbx(page);
    const grid = page.getByTestId('grid');

    // The real clipboard and the real paste handler: Excel's TSV, pasted with Ctrl+V.
    await pasteFromClipboard(page, hundredRows(), 100);
    expect(await page.getByTestId('report').textContent()).toContain('added 100 rows');

    // Paste is one undo step.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => grid.getAttribute('data-rows')).toBe('0');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => grid.getAttribute('data-rows')).toBe('100');

    // Fill series down the extension column from 1025 (first cell to the data edge): 1026–1029 carry phones.
    await toFirstExtension(page);
    await page.keyboard.press('Control+Shift+ArrowDown');
    await page.keyboard.press('Control+Shift+D');
    await expect.poll(() => page.getByTestId('report').textContent()).toContain('Filled 99 extensions 1030–1128, skipping 4 that already have phones.');

    // The grid reports exactly the planted mistakes, each on its cell, and row 1's extension already has a phone.
    await expect.poll(() => problems(page).getAttribute('data-errors')).toBe('5');
    const chip = (code: string) => problems(page).locator(`[data-code="${code}"]`);
    expect(await chip('mac-duplicate').textContent()).toContain('Duplicate MAC 2');
    expect(await chip('mac-invalid').textContent()).toContain('Invalid MAC 1');
    expect(await chip('vendor-missing').textContent()).toContain('Vendor missing 1');
    expect(await chip('ext-has-phones').textContent()).toContain('Extension has phones 1');

    // Fix them from the problems bar: it jumps to the cell (the message line says what is wrong), typing replaces it.
    const fix = async (code: string, says: RegExp, typed: string): Promise<void> => {
      await chip(code).click();
      await expect.poll(() => page.getByTestId('cell-message').textContent()).toMatch(says);
      await page.keyboard.type(typed);
      await page.keyboard.press('Enter');
    };
    await fix('mac-duplicate', /Row (3|40) · MAC: Same MAC as row (3|40)/, '80:5E:C0:00:00:FF');
    await fix('mac-invalid', /Row 55 · MAC: Has 11 hex digits/, '805EC0000037');
    await fix('vendor-missing', /Row 70 · Vendor: Vendor is missing/, 'Yealink');
    await fix('ext-has-phones', /Row 1 · Ext\.: Extension 1025 already has 1 phone on the PBX/, '1200');

    await expect.poll(() => problems(page).getAttribute('data-errors')).toBe('0');
    await expect.poll(() => page.getByTestId('ready-count').getAttribute('data-count')).toBe('100');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');

    // What the store holds is what the grid shows: 100 rows the queue may take, checked against the PBX's data.
    const project = await stored(id);
    expect(project.pbxProfileId).toBe(profileId);
    expect(project.rows.map((r) => r.extension)).toEqual(['1200', ...Array.from({ length: 99 }, (_, i) => String(1030 + i))]);
    const snapshot = await cachedSnapshot();
    expect(validateRows(project.rows, snapshot).unchecked).toEqual([]);
    expect(queueableRows(project.rows, validateRows(project.rows, snapshot))).toHaveLength(100);
    expect(project.rows[54]).toMatchObject({ mac: '80:5e:c0:00:00:37', source: 'typed' });
    expect(project.rows[0]).toMatchObject({ mac: '80:5e:c0:00:00:01', source: 'pasted' });
  });

  it('shows the PBX\'s names and phones: extension names, a MAC already on the PBX, the picker\'s load per extension', async () => {
    const page = await openSite();
    await createProject(page, 'Site with a PBX');
    await usePbx(page);
    // The simulator holds phones on 1000–1029, so a series from 1000 skips to 1030.
    const snapshot = await cachedSnapshot();
    const taken = new Set(snapshot.phones.items.map((p) => p.extension).filter((e): e is string => e !== null));
    const onPbx = snapshot.phones.items.find((p) => p.extension === '1005')!;
    const lines = Array.from({ length: 12 }, (_, i) => [i === 2 ? onPbx.mac : sampleMac(0x900 + i), 'Yealink', 'SIP-T54W', 'YSDP_YealinkT5', 'pnp', 'No', i === 0 ? '1000' : ''].join('\t'));
    await pasteFromClipboard(page, `${lines.join('\r\n')}\r\n`, 12);
    const grid = page.getByTestId('grid');
    await toFirstExtension(page);
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+Shift+ArrowDown');
    await page.keyboard.press('Control+Shift+D');
    await expect.poll(() => page.getByTestId('report').textContent()).toMatch(/Filled 11 extensions 1030–1040, skipping 29 that already have phones/);
    expect([...taken].some((n) => Number(n) >= 1030 && Number(n) <= 1040)).toBe(false);

    // The extension's name comes from the PBX; the row on 1000 and the MAC already on the PBX are reported.
    const name1030 = snapshot.extensions.items.find((e) => e.number === '1030')!.name;
    await page.keyboard.press('Control+Home');
    expect(await grid.locator('[data-row="1"] [data-col="7"]').textContent()).toBe(name1030);
    // Only the columns in view are in the DOM: End brings the last ones in (and drops the MAC), Home the first back.
    await page.keyboard.press('End');
    await expect.poll(() => grid.locator('[data-row="0"] [data-col="13"]').textContent()).toContain('Draft');
    expect(await grid.locator('[data-row="0"] [data-col="0"]').count()).toBe(0);
    await page.keyboard.press('Home');
    await expect.poll(() => grid.locator('[data-row="0"] [data-col="0"]').textContent()).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i);
    const problemsBar = page.getByTestId('problems-bar');
    expect(await problemsBar.locator('[data-code="ext-has-phones"]').textContent()).toContain('1');
    await problemsBar.locator('[data-code="mac-on-pbx"]').click();
    expect(await page.getByTestId('cell-message').textContent()).toContain('already on the PBX with extension 1005');

    // The extension picker offers the PBX's extensions, named, with how many phones each already carries.
    await toFirstExtension(page);
    await page.keyboard.press('Alt+ArrowDown');
    const picker = page.getByTestId('cell-picker');
    const name1000 = snapshot.extensions.items.find((e) => e.number === '1000')!.name;
    expect(await picker.getByRole('option').first().textContent()).toBe(`1000${name1000}1 of 5 phones`);
    expect(await picker.getByRole('option').filter({ hasText: /^1030/ }).textContent()).toContain('1 of 5 phones'); // row 2
    await page.keyboard.press('Escape');
  });

  it('imports a CSV only after the preview is confirmed, leaving out malformed lines', async () => {
    const page = await openSite();
    const id = await createProject(page, 'CSV site');
    await page.getByTestId('open-csv-import').click();
    const csv = ['Vendor,Model,MAC Address,Template,Provisioning Method,Authentication First-time,Assign Extension', 'Yealink,SIP-T54W,80:5E:C0:00:10:01,YSDP_YealinkT5,pnp,0,1001', 'Yealink,SIP-T54W,8.05E+11,YSDP_YealinkT5,pnp,0,1002', 'Yealink,SIP-T54W,80:5E:C0:00:10:03,YSDP_YealinkT5,pnp,0,1003,extra', 'Yealink,SIP-T54W,80:5E:C0:00:10:04,YSDP_YealinkT5,pnp,0,1004'].join('\r\n');
    await page.getByTestId('csv-file').setInputFiles({ name: 'phones.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('csv-summary').textContent()).toContain('Yeastar phone-import CSV');
    expect(await page.getByTestId('csv-summary').textContent()).toContain('2 rows will be added, 2 lines left out');
    const listed = await page.getByTestId('csv-problems').textContent();
    expect(listed).toContain('Line 3: MAC: the spreadsheet turned this MAC into a number (8.05E+11)');
    expect(listed).toContain('Line 4 has 8 fields but the header has 7');
    // Nothing is imported while the bad lines are not acknowledged, nor before Import.
    expect(await page.getByTestId('csv-import').isDisabled()).toBe(true);
    expect((await stored(id)).rows).toHaveLength(0);
    await page.getByTestId('csv-accept').check();
    await page.getByTestId('csv-import').click();
    await expect.poll(() => page.getByTestId('grid').getAttribute('data-rows')).toBe('2');
    await expect.poll(async () => (await stored(id)).rows.map((r) => r.mac)).toEqual(['80:5e:c0:00:10:01', '80:5e:c0:00:10:04']);
  });

  it('manages projects: quick switch that saves first, rename, duplicate, export and import, archive, delete after confirming', async () => {
    const page = await openSite();
    const first = await createProject(page, 'North wing');
    const grid = page.getByTestId('grid');
    await grid.focus();
    await page.keyboard.type('805EC0001234');
    await page.keyboard.press('Tab');
    // Switch away at once: the edit is saved before the other project opens.
    const second = await createProject(page, 'South wing');
    expect(second).not.toBe(first);
    expect((await stored(first)).rows.map((r) => r.mac)).toEqual(['80:5e:c0:00:12:34']);

    await page.keyboard.press('Control+P');
    const quick = page.getByTestId('quick-switch');
    await quick.getByRole('textbox').fill('north');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('project-grid').getAttribute('data-project-id')).toBe(first);
    expect(await page.getByTestId('site-title').textContent()).toBe('North wing');

    await page.getByTestId('show-projects').click();
    const item = (name: string) => page.getByTestId('project-item').filter({ hasText: name });
    await item('North wing').getByRole('button', { name: 'Rename' }).click();
    await page.getByTestId('project-dialog').getByRole('textbox').fill('North wing, floor 2');
    await page.getByTestId('project-dialog').getByRole('button', { name: 'Rename' }).click();
    await item('North wing, floor 2').getByRole('button', { name: 'Duplicate' }).click();
    await page.getByTestId('project-dialog').getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => item('North wing, floor 2 (copy)').count()).toBe(1);

    // Hand the site over as one file, and take it back in as a new project.
    const download = page.waitForEvent('download');
    await item('North wing, floor 2').filter({ hasNotText: '(copy)' }).getByRole('button', { name: 'Export' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.onsite-project\.json$/);
    const exported = await file.path();
    await page.getByTestId('project-import-file').setInputFiles(exported);
    await expect.poll(() => page.getByTestId('project-grid').count()).toBe(1);
    const imported = (await page.getByTestId('project-grid').getAttribute('data-project-id'))!;
    expect(imported).not.toBe(first);
    expect((await stored(imported)).rows.map((r) => r.mac)).toEqual(['80:5e:c0:00:12:34']);
    await page.getByTestId('show-projects').click();

    await item('South wing').getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => item('South wing').count()).toBe(0);
    await item('(copy)').getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByTestId('project-dialog');
    expect(await dialog.textContent()).toContain('Delete “North wing, floor 2 (copy)”?');
    await dialog.getByRole('button', { name: 'Delete project' }).click();
    await expect.poll(() => item('(copy)').count()).toBe(0);
    const list = await h.core.dispatch('projects:list', {});
    const names = list.ok ? (list.data as { projects: { name: string; archived: boolean }[] }).projects.map((p) => `${p.name}${p.archived ? ' [archived]' : ''}`) : [];
    expect(names.filter((n) => n === 'North wing, floor 2')).toHaveLength(2); // the original and the imported hand-over
    expect(names).toContain('South wing [archived]');
    expect(names.some((n) => n.includes('(copy)'))).toBe(false);
  });
});

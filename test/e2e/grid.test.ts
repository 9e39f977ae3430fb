import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { emptySnapshot } from '../../shared/domain/pbx-snapshot';
import type { Project } from '../../shared/domain/project';
import { queueableRows, validateRows } from '../../shared/grid/validate';
import { chromium, describeWith } from '../support/system';
import { useBrowserShell } from '../support/web-shell';

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
    lines.push([mac, vendor, 'SIP-T54W', 'YSDP_YealinkT5', 'pnp', 'No', i === 1 ? '1001' : ''].join('\t'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

describeWith(chromium(), 'assignment grid in the browser shell', () => {
  const h = useBrowserShell();
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
    await page.getByRole('button', { name: 'Site', exact: true }).click();
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

  it('plans a site: paste 100 rows from the clipboard, fill series, fix what the grid reports, every row ready', async () => {
    const page = await openSite();
    const id = await createProject(page, 'Plant room B');
    const grid = page.getByTestId('grid');

    // The real clipboard and the real paste handler: Excel's TSV, pasted with Ctrl+V.
    await page.evaluate((text) => navigator.clipboard.writeText(text), hundredRows());
    await grid.focus();
    await page.keyboard.press('Control+V');
    await expect.poll(() => grid.getAttribute('data-rows')).toBe('100');
    expect(await page.getByTestId('report').textContent()).toContain('added 100 rows');

    // Paste is one undo step.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => grid.getAttribute('data-rows')).toBe('0');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => grid.getAttribute('data-rows')).toBe('100');

    // Fill series down the extension column from 1001 (first cell to the data edge).
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowDown');
    await page.keyboard.press('Control+Shift+D');
    await expect.poll(() => page.getByTestId('report').textContent()).toContain('Filled 99 extensions 1002–1100');

    // The grid reports exactly the planted mistakes, each on its cell.
    await expect.poll(() => problems(page).getAttribute('data-errors')).toBe('4');
    const chip = (code: string) => problems(page).locator(`[data-code="${code}"]`);
    expect(await chip('mac-duplicate').textContent()).toContain('Duplicate MAC 2');
    expect(await chip('mac-invalid').textContent()).toContain('Invalid MAC 1');
    expect(await chip('vendor-missing').textContent()).toContain('Vendor missing 1');

    // Fix them from the problems bar: it jumps to the cell, typing replaces the value.
    await chip('mac-duplicate').click();
    await expect.poll(() => page.getByTestId('cell-message').textContent()).toMatch(/Row (3|40) · MAC: Same MAC as row (3|40)/);
    await page.keyboard.type('80:5E:C0:00:00:FF');
    await page.keyboard.press('Enter');
    await chip('mac-invalid').click();
    expect(await page.getByTestId('cell-message').textContent()).toContain('Row 55 · MAC: Has 11 hex digits');
    await page.keyboard.type('805EC0000037');
    await page.keyboard.press('Enter');
    await chip('vendor-missing').click();
    await page.keyboard.type('Yealink');
    await page.keyboard.press('Enter');

    await expect.poll(() => problems(page).getAttribute('data-errors')).toBe('0');
    await expect.poll(() => page.getByTestId('ready-count').getAttribute('data-count')).toBe('100');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    expect(await page.getByTestId('pbx-state').textContent()).toContain('not connected');

    // What the store holds is what the grid shows: 100 queueable rows, extensions 1001–1100.
    const project = await stored(id);
    expect(project.rows.map((r) => r.extension)).toEqual(Array.from({ length: 100 }, (_, i) => String(1001 + i)));
    expect(queueableRows(project.rows, validateRows(project.rows, emptySnapshot()))).toHaveLength(100);
    expect(project.rows[54]).toMatchObject({ mac: '80:5e:c0:00:00:37', source: 'typed' });
    expect(project.rows[0]).toMatchObject({ mac: '80:5e:c0:00:00:01', source: 'pasted' });
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

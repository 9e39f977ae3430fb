import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Project } from '../../shared/domain/project';
import { type PbxSim, startPbxSim } from '../pbx-sim';
import { withoutSecretService } from '../profiles/harness';
import { emptyPbx, pbxProblems } from '../queue/harness';
import { gotoScreen } from '../support/screens';
import { chromium, describeWith } from '../support/system';
import { useBrowserShell } from '../support/web-shell';

// The profile's Client Secret stays in memory: this suite must not touch the developer's keychain.
withoutSecretService();

const PHONES = 24;

/** Clipboard text for the grid (MAC, vendor, model, template, method, auth, extension), as a spreadsheet copies it. */
function rowsText(): string {
  const lines: string[] = [];
  for (let i = 1; i <= PHONES; i += 1) lines.push([`805EC0AB${i.toString(16).toUpperCase().padStart(4, '0')}`, 'Yealink', 'SIP-T54W', 'YSDP_YealinkT5', 'pnp', 'No', String(1000 + i)].join('\t'));
  return `${lines.join('\r\n')}\r\n`;
}

describeWith(chromium(), 'queue and sync in the browser shell', () => {
  let sim: PbxSim;
  let context: BrowserContext | undefined;
  // Registered before the shell's hooks, so the simulator starts first and closes after the core has signed out.
  beforeAll(async () => {
    sim = await startPbxSim({ seed: emptyPbx(200) });
  });
  afterAll(async () => {
    await sim?.close();
  });
  const harness = useBrowserShell({ queueTuning: { pollForMs: 0 } });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const stored = async (id: string): Promise<Project> => {
    const result = await harness.core.dispatch('projects:get', { id });
    if (!result.ok) throw new Error(result.error.message);
    return result.data as Project;
  };
  const count = (page: Page, state: string) => page.getByTestId('queue-counts').locator(`[data-state="${state}"]`).getAttribute('data-count');

  it('plans a site, queues it, syncs every row to the PBX, exports the hand-over report and undoes the run', async () => {
    const saved = await harness.core.dispatch('pbx:save-profile', { name: 'Plant room PBX', baseUrl: sim.url, clientId: sim.knobs.clientId, secret: sim.knobs.clientSecret });
    expect(saved.ok).toBe(true);

    context = await harness.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await page.goto(harness.shell.url);
    await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
    await gotoScreen(page, 'Site');
    await page.getByTestId('show-projects').or(page.getByTestId('new-project-name')).first().click();
    await page.getByTestId('new-project-name').fill('Plant room C');
    await page.getByRole('button', { name: 'Create' }).click();
    const grid = page.getByTestId('project-grid');
    await grid.waitFor();
    const id = (await grid.getAttribute('data-project-id'))!;

    // The grid part: paste the planned phones; every row is ready to queue.
    await page.evaluate((text) => navigator.clipboard.writeText(text), rowsText());
    await page.getByTestId('grid').focus();
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.getByTestId('ready-count').getAttribute('data-count')).toBe(String(PHONES));

    // Queued before the site has a PBX: the panel says what to do; choosing the PBX starts the sync.
    await page.keyboard.press('Control+Shift+Enter');
    await expect.poll(() => page.getByTestId('queue-stopped').textContent()).toContain('No PBX is chosen for this site');
    await page.getByTestId('project-pbx').selectOption({ label: 'Plant room PBX' });
    await expect.poll(async () => (await stored(id)).pbxProfileId).not.toBeNull();

    // The sync runs by itself and every row is confirmed by read-back.
    await expect.poll(() => count(page, 'on-pbx'), { timeout: 20_000 }).toBe(String(PHONES));
    await expect.poll(() => page.getByTestId('queue-state').getAttribute('data-state')).toBe('idle');
    await expect.poll(() => page.getByTestId('status-bar').locator('[data-state="on-pbx"]').getAttribute('data-count')).toBe(String(PHONES));
    const project = await stored(id);
    expect(project.rows.every((r) => r.status === 'on-pbx')).toBe(true);
    expect(pbxProblems(sim, project.rows)).toEqual([]);
    expect(await page.getByTestId('queue-add').isDisabled()).toBe(true);

    // The hand-over report, downloaded (no new windows), with the technician's name on it.
    await page.getByTestId('queue-runs').click();
    await page.getByTestId('runs-dialog').waitFor();
    await page.getByTestId('technician-name').fill('Ana Lopez');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^Handover Plant room C \d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await csvDownload.path()), 'utf8');
    expect(csv).toContain('"Technician","Ana Lopez"');
    expect(csv).toContain('"PBX","Plant room PBX (');
    expect(csv.match(/"On the PBX"/g)).toHaveLength(PHONES);
    const [htmlDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-html').click()]);
    const html = readFileSync((await htmlDownload.path()), 'utf8');
    expect(htmlDownload.suggestedFilename()).toMatch(/\.html$/);
    expect(html).toContain('Ana Lopez');
    expect(html.match(/class="s-on-pbx"/g)).toHaveLength(PHONES);

    // Undo the run: the confirmation names how many phones go; afterwards the PBX has none of them.
    await page.getByTestId('undo-run').click();
    expect(await page.getByTestId('undo-count').textContent()).toBe(String(PHONES));
    await page.getByTestId('undo-confirm').click();
    await expect.poll(() => page.getByTestId('runs-message').textContent()).toContain(`Removed ${PHONES} phones from the PBX`);
    expect(sim.state.phones()).toHaveLength(0);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => count(page, 'on-pbx')).toBe('0');
    await expect.poll(() => page.getByTestId('ready-count').getAttribute('data-count')).toBe(String(PHONES));
    expect((await stored(id)).rows.every((r) => r.status === 'draft')).toBe(true);
  }, 60_000);
});

/**
 * The cross-checks a technician sees, in headless Chromium through the browser shell: on the Discovery screen,
 * devices already in the chosen site or already on its PBX (with the extension, from the PBX simulator through
 * the profile's cache) are marked; on the Site screen, a row's Source says "seen on network ✓" once LAN discovery
 * saw its MAC, whether the phone was found after its box was scanned or before. Discovery runs on loopback with
 * real parser input (`test/support/loopback-discovery.ts`), so no root is needed.
 */
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Channel, RequestInput, RequestOutput } from '../../shared/contract';
import { emptyRow } from '../../shared/domain/project';
import { COLUMNS } from '../../shared/grid/columns';
import { type PbxSim, defaultSeed, startPbxSim } from '../pbx-sim';
import { withoutSecretService } from '../profiles/harness';
import { cdpType, usKeys } from '../support/keys';
import { arpLine, loopbackDiscovery } from '../support/loopback-discovery';
import { gotoScreen } from '../support/screens';
import { chromium, describeWith } from '../support/system';
import { tempDir } from '../support/temp';
import { useBrowserShell } from '../support/web-shell';

withoutSecretService();

/** Typed into the site before anyone went looking: discovery finds it later. */
const IN_PROJECT = '80:5e:c0:aa:00:01';
/** On the PBX already, on the Reception extension 2000 (seeded into the simulator). */
const ON_PBX = '80:5e:c0:be:ef:03';
/** Found by the sweep first; its box is scanned afterwards. */
const FOUND_FIRST = 'c0:74:ad:aa:00:02';
/** Scanned first; the phone announces itself (PnP) while booting afterwards. */
const SCANNED_FIRST = '0c:38:3e:aa:00:05';
/** Found by the sweep and in neither the site nor the PBX. */
const STRANGER = '80:5e:c0:aa:00:09';
const SOURCE_COL = COLUMNS.findIndex((c) => c.key === 'source');
const hex = (mac: string): string => mac.replaceAll(':', '').toUpperCase();

describeWith(chromium(), 'cross-checks on the Discovery and Site screens (browser shell, discovery on loopback)', () => {
  const dir = tempDir('onsite-crosscheck-e2e-');
  const lan = loopbackDiscovery(join(dir.path, 'arp'));
  const h = useBrowserShell({ discovery: lan.parts });
  let sim: PbxSim;
  let page: Page;
  let cdp: CDPSession;

  const must = async <C extends Channel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> => {
    const result = await h.core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.data as RequestOutput<C>;
  };

  beforeAll(async () => {
    const seed = defaultSeed();
    const reception = seed.extensions.find((e) => e.number === '2000')!;
    const yealink = seed.compatibility.find((v) => v.value === 'Yealink')!.models[0]!;
    seed.phones.push({ ...seed.phones[0]!, id: 900, mac: hex(ON_PBX), vendor: 'Yealink', model: yealink.value, template_name: yealink.templates[0] ?? '', ext_id: reception.id });
    sim = await startPbxSim({ seed });
    const { profile } = await must('pbx:save-profile', { name: 'Simulated PBX', baseUrl: sim.url, clientId: sim.knobs.clientId, secret: sim.knobs.clientSecret });
    await must('pbx:refresh', { id: profile.id }); // the cache the comparison reads, as "Refresh PBX data" fills it
    const site = await must('projects:create', { name: 'Harbour Tower', pbxProfileId: profile.id });
    await must('projects:save-rows', { id: site.id, rows: [{ ...emptyRow('typed-before', 'typed'), mac: IN_PROJECT, extension: '1100' }] });
    await must('settings:update', { lastProjectId: site.id });
    await lan.setTable([arpLine('127.0.0.2', IN_PROJECT), arpLine('127.0.0.3', ON_PBX), arpLine('127.0.0.4', FOUND_FIRST), arpLine('127.0.0.5', STRANGER)]);

    // Wide enough for every grid column to be in view: the grid renders only the columns in view, and the test reads MAC and Source of a row.
    page = await h.browser.newPage({ viewport: { width: 2600, height: 900 } });
    cdp = await page.context().newCDPSession(page);
    await page.goto(h.shell.url);
    await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
  });
  afterAll(async () => {
    await page?.close();
    await sim?.close();
    dir.cleanup();
  });

  it('marks devices already in the site and already on its PBX (with the extension) in the Discovery list', async () => {
    await gotoScreen(page, 'Discovery');
    await expect.poll(() => page.getByTestId('discovery-project').textContent()).toContain('Harbour Tower (1 row)');
    await expect.poll(() => page.getByTestId('discovery-pbx').textContent()).toBe('Compared with the PBX “Simulated PBX” as of just now.');
    await page.getByTestId('discovery-cidr').fill('127.0.0.0/28');
    await page.getByRole('button', { name: 'Find phones' }).click();
    await expect.poll(() => page.getByTestId('discovery-status').textContent(), { timeout: 10_000 }).toContain('Listening for booting phones');

    const marks = (mac: string) => page.locator(`tr[data-mac="${mac}"] td`).last();
    expect(await page.locator('[data-testid="discovery-devices"] tbody tr').count()).toBe(4);
    expect(await marks(ON_PBX).textContent()).toBe('On the PBX: extension 2000 (Reception)');
    expect(await marks(IN_PROJECT).textContent()).toBe('In project');
    expect(await marks(FOUND_FIRST).textContent()).toBe('');
    expect(await marks(STRANGER).textContent()).toBe('');

    // Adding the one on the PBX says so, and it is then in the project as well.
    await page.getByLabel(`Select ${ON_PBX}`).check();
    await page.getByRole('button', { name: 'Add 1 selected to project' }).click();
    await expect.poll(() => page.getByTestId('discovery-added').textContent()).toBe('1 added to “Harbour Tower”. 1 is already on the PBX: the Site screen shows its row with what to do.');
    await expect.poll(() => marks(ON_PBX).textContent()).toBe('In projectOn the PBX: extension 2000 (Reception)');
  });

  it('shows "seen on network ✓" in the Source column for a row scanned before discovery saw its MAC, and after', async () => {
    // Discovery is still listening from the test above; the site is open on the Site screen.
    await gotoScreen(page, 'Site');
    const grid = page.getByTestId('grid');
    await grid.waitFor();
    const source = (mac: string) => grid.locator('.grid-row', { has: page.locator('[data-col="0"]', { hasText: mac }) }).locator(`[data-col="${SOURCE_COL}"]`);
    // Typed before the sweep found it: marked once discovery saw it.
    await expect.poll(() => source(IN_PROJECT).textContent()).toBe('Typed · seen on network ✓');
    expect(await source(ON_PBX).textContent()).toBe('Found on the network');

    // Scan mode, adding rows, with a USB keyboard-mode scanner.
    await page.locator('[data-testid="grid"] [data-col="0"]').first().click();
    await page.getByTestId('scan-mode-toggle').click();
    await page.getByTestId('scan-append').check();
    const handled = async (): Promise<number> => Number(await page.getByTestId('scan-bar').getAttribute('data-handled'));

    await cdpType(cdp, usKeys(hex(SCANNED_FIRST)), 3);
    await expect.poll(handled).toBe(1);
    await expect.poll(() => source(SCANNED_FIRST).textContent()).toBe('Scanned (USB)');

    // The box of a phone the sweep had already found: confirmed as soon as it is scanned.
    await cdpType(cdp, usKeys(hex(FOUND_FIRST)), 3);
    await expect.poll(handled).toBe(2);
    await expect.poll(() => source(FOUND_FIRST).textContent(), { timeout: 10_000 }).toBe('Scanned (USB) · seen on network ✓');
    expect(await source(FOUND_FIRST).getAttribute('class')).toContain('seen-net');
    expect(await source(SCANNED_FIRST).textContent()).toBe('Scanned (USB)');

    // The phone scanned first boots and announces itself: its row is confirmed while the grid is open.
    lan.announce('Fanvil', hex(SCANNED_FIRST).toLowerCase(), '127.0.0.6');
    await expect.poll(() => source(SCANNED_FIRST).textContent(), { timeout: 10_000 }).toBe('Scanned (USB) · seen on network ✓');

    // The store agrees with the screen, and nothing else of the rows changed.
    const stored = await must('projects:get', { id: (await page.getByTestId('project-grid').getAttribute('data-project-id'))! });
    expect(stored.rows.map((r) => [r.mac, r.source, r.seenOnNetwork])).toEqual([
      [IN_PROJECT, 'typed', true],
      [ON_PBX, 'discovered', true],
      [SCANNED_FIRST, 'scanned-wedge', true],
      [FOUND_FIRST, 'scanned-wedge', true],
    ]);
    await must('discovery:cancel', {});
  });
});

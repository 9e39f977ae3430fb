/**
 * The network cross-check through the core: rows get `seenOnNetwork` when discovery (sweep or PnP) saw their
 * MAC, in both directions, for any writer. Discovery runs for real on loopback with its OS parts fed through
 * the real parsers (see `test/support/loopback-discovery.ts`).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, EventName, RequestInput, RequestOutput } from '../../shared/contract';
import { type Row, emptyRow } from '../../shared/domain/project';
import { type Core, createCore } from '../../electron/core/core';
import { arpLine, loopbackDiscovery } from '../support/loopback-discovery';
import { tempDir } from '../support/temp';

describe('seen on the network, through the core', () => {
  const dir = tempDir('onsite-seen-');
  const lan = loopbackDiscovery(join(dir.path, 'arp'));
  let core: Core;
  const events: { event: EventName; payload: unknown }[] = [];

  const must = async <C extends Channel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.data as RequestOutput<C>;
  };
  const rowsOf = async (id: string): Promise<Row[]> => (await must<'projects:get'>('projects:get', { id })).rows;
  const seenRows = async (id: string): Promise<string[]> => (await rowsOf(id)).filter((r) => r.seenOnNetwork).map((r) => r.id);
  const changesOf = (id: string): number => events.filter((e) => e.event === 'projects:changed' && (e.payload as { id: string }).id === id).length;
  const row = (id: string, mac: string, source: Row['source'] = 'scanned-wedge'): Row => ({ ...emptyRow(id, source), mac, extension: '1001' });
  const finished = (scanId: string): Promise<void> =>
    expect.poll(() => events.some((e) => e.event === 'discovery:finished' && (e.payload as { scanId: string }).scanId === scanId), { timeout: 10_000 }).toBe(true);

  beforeAll(async () => {
    await lan.setTable([]);
    core = createCore({ dataDir: join(dir.path, 'data'), shell: 'web', discovery: lan.parts });
    core.openDataFolder();
    core.events.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await core?.close();
    dir.cleanup();
  });

  it('marks rows whose MAC discovery sees, in every open project, with one save per project however many devices', async () => {
    const site = await must('projects:create', { name: 'Site A' });
    await must('projects:save-rows', { id: site.id, rows: [row('typed', '805EC0000001', 'typed'), row('scanned', '80:5e:c0:00:00:02'), row('never', '80:5e:c0:00:00:09')] });
    const archived = await must('projects:create', { name: 'Old site' });
    await must('projects:save-rows', { id: archived.id, rows: [row('old', '80:5e:c0:00:00:01')] });
    await must('projects:archive', { id: archived.id });
    // A big site with many of the MACs: each batch of sightings is one write of it, not one per device.
    const big = await must('projects:create', { name: 'Tower' });
    const many = Array.from({ length: 5_000 }, (_, i) => row(`t${i}`, `0c:38:3e:01:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`));
    await must('projects:save-rows', { id: big.id, rows: many });
    const bigChangesBefore = changesOf(big.id);

    const devices = [arpLine('127.0.0.2', '80:5e:c0:00:00:01'), arpLine('127.0.0.3', '80:5e:c0:00:00:02'), arpLine('127.0.0.4', '00:00:00:00:00:00', '0x0')];
    for (const [i, n] of [0, 40, 80, 200].entries()) devices.push(arpLine(`127.0.0.${5 + i}`, `0c:38:3e:01:00:${n.toString(16).padStart(2, '0')}`));
    await lan.setTable(devices);
    const run = await must('discovery:start', { cidr: '127.0.0.0/28', pnp: true });
    await expect.poll(() => seenRows(site.id)).toEqual(['typed', 'scanned']);
    await expect.poll(async () => (await rowsOf(big.id)).filter((r) => r.seenOnNetwork).map((r) => r.id)).toEqual(['t0', 't40', 't80', 't200']);
    expect(await seenRows(archived.id)).toEqual([]);

    // A phone that announces itself while booting (PnP), after the sweep: marked as it comes.
    lan.announce('Grandstream', '0c383e0100fa', '127.0.0.13');
    await expect.poll(async () => (await rowsOf(big.id)).filter((r) => r.seenOnNetwork).map((r) => r.id)).toEqual(['t0', 't40', 't80', 't200', 't250']);
    expect(changesOf(big.id)).toBeGreaterThan(bigChangesBefore);

    // A burst of phones booting at once (one power-over-Ethernet switch coming up): one write of the
    // 5 000-row project for the whole burst, not one per phone.
    const beforeBurst = changesOf(big.id);
    const towerMac = (i: number): string => `0c383e01${(i >> 8).toString(16).padStart(2, '0')}${(i & 255).toString(16).padStart(2, '0')}`;
    for (let i = 300; i < 320; i += 1) lan.announce('Fanvil', towerMac(i), `127.0.0.${i - 280}`);
    await expect.poll(async () => (await rowsOf(big.id)).filter((r) => r.seenOnNetwork).length).toBe(25);
    expect(changesOf(big.id) - beforeBurst).toBe(1);
    const unchanged = (await rowsOf(big.id)).filter((r) => !r.seenOnNetwork);
    expect(unchanged).toHaveLength(4_975);
    expect(unchanged.every((r) => r.source === 'scanned-wedge' && r.extension === '1001')).toBe(true);

    await must('discovery:cancel', {});
    await finished(run.scanId);
    expect(await seenRows(site.id)).toEqual(['typed', 'scanned']);
  });

  it('marks a row scanned, typed or imported after discovery saw its MAC, whoever saved it; a stale save is refused, not overwritten', async () => {
    const site = await must('projects:create', { name: 'Site B' });
    const empty = await must('projects:get', { id: site.id });
    // Discovery (the last run, above) saw 80:5e:c0:00:00:02 and the PnP Grandstream; a serial scan of each box arrives.
    const saved = await must('projects:save-rows', {
      id: site.id,
      rows: [row('serial', '80-5E-C0-00-00-02', 'scanned-serial'), row('pnp', '0C383E0100FA', 'scanned-wedge'), row('unseen', '80:5e:c0:00:00:77')],
      expectedUpdatedAt: empty.updatedAt,
    });
    await expect.poll(() => seenRows(site.id)).toEqual(['serial', 'pnp']);
    // The grid that saved before the marking must reload before its next save (it merges; see mergeRows).
    const stale = await core.dispatch('projects:save-rows', { id: site.id, rows: [row('serial', '80-5E-C0-00-00-02', 'scanned-serial')], expectedUpdatedAt: saved.updatedAt });
    expect(stale.ok ? 'saved' : stale.error.code).toBe('conflict');

    const exported = await must('projects:export', { id: site.id });
    const imported = await must('projects:import', { text: exported.text });
    // The import arrives unmarked (it describes another visit) and is marked again from this session's sightings.
    await expect.poll(async () => (await rowsOf(imported.id)).filter((r) => r.seenOnNetwork).length).toBe(2);
  });

  it('uses the current or last run only: a new run replaces what the last one saw', async () => {
    await lan.setTable([arpLine('127.0.0.2', '80:5e:c0:00:00:31')]);
    const run = await must('discovery:start', { cidr: '127.0.0.0/28', pnp: false });
    await finished(run.scanId);
    const site = await must('projects:create', { name: 'Site C' });
    await must('projects:save-rows', { id: site.id, rows: [row('old-run', '80:5e:c0:00:00:01'), row('this-run', '80:5e:c0:00:00:31')] });
    await expect.poll(() => seenRows(site.id)).toEqual(['this-run']);
    expect((await must('discovery:devices', {})).devices.map((d) => d.mac)).toEqual(['80:5e:c0:00:00:31']);

    // The technician swaps the two MACs (wrong boxes): the mark follows the MAC discovery saw, not the row.
    const rows = await rowsOf(site.id);
    const swapped = rows.map((r) => ({ ...r, mac: r.id === 'old-run' ? '80:5e:c0:00:00:31' : '80:5e:c0:00:00:01' }));
    await must('projects:save-rows', { id: site.id, rows: swapped });
    await expect.poll(() => seenRows(site.id)).toEqual(['old-run']);
  });
});

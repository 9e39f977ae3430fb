import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { Row } from '../../shared/domain/project';
import { type QueueHarness, emptyPbx, phoneRows, settled, startQueueHarness } from './harness';

let h: QueueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Project = { updatedAt: string; rows: Row[] };
const get = (id: string): Promise<Project> => h!.must<Project>('projects:get', { id });

describe('queue for PBX, and the grid’s view of it', () => {
  it('queues only valid drafts, says why others are left, and keeps states the queue’s own', async () => {
    h = await startQueueHarness({ simOptions: { seed: emptyPbx(50) } });
    const rows = phoneRows(6);
    rows[1] = { ...rows[1]!, mac: '80:5e:c0:12:34' };
    rows[2] = { ...rows[2]!, method: '' };
    rows[3] = { ...rows[3]!, mac: rows[0]!.mac.toUpperCase() };
    rows.push({ ...rows[5]!, id: 'blank', mac: '', extension: '', vendor: '', model: '', template: '', method: '', location: '' });
    const { id } = await h.must<{ id: string }>('projects:create', { name: 'Site' }); // no PBX chosen yet
    await h.must('projects:save-rows', { id, rows });
    const before = (await get(id)).updatedAt;

    const added = await h.must<{ added: number; skipped: { rowId: string; reason: string }[]; status: { state: string; reason: string } }>('queue:add', { projectId: id });
    expect(added.added).toBe(2);
    // The grid's checks apply too: two rows with one MAC are both held until one is corrected.
    expect(added.skipped).toEqual([
      { rowId: 'row-0', reason: expect.stringMatching(/Same MAC as row 4/) as string },
      { rowId: 'row-1', reason: expect.stringMatching(/MAC address is not valid/) as string },
      { rowId: 'row-2', reason: 'No provisioning method.' },
      { rowId: 'row-3', reason: expect.stringMatching(/Same MAC as row 1/) as string },
    ]);
    // No PBX chosen: it waits for the technician, and says so.
    const stopped = await h.waitFor(id, (s) => s.state === 'stopped');
    expect(stopped.reason).toMatch(/No PBX is chosen/);

    const project = await get(id);
    expect(project.rows.map((r) => r.status)).toEqual(['draft', 'draft', 'draft', 'draft', 'queued', 'queued', 'draft']);
    expect(project.rows[4]!.message).toMatch(/Queued/);
    // The project's version moved with the queue, so open windows reload it.
    expect(project.updatedAt > before).toBe(true);

    // A window that still had the old copy saves (a note on another row): accepted, and it cannot overwrite states.
    const stale = rows.map((r) => (r.id === 'row-5' ? { ...r, status: 'on-pbx' as const, message: 'I say so' } : r.id === 'row-2' ? { ...r, location: 'Lobby' } : r));
    const saved = await h.must<{ updatedAt: string }>('projects:save-rows', { id, rows: stale, expectedUpdatedAt: before });
    const after = await get(id);
    expect(after.updatedAt).toBe(saved.updatedAt);
    expect(after.rows.find((r) => r.id === 'row-5')).toMatchObject({ status: 'queued', message: expect.stringMatching(/Queued/) as string });
    expect(after.rows.find((r) => r.id === 'row-2')).toMatchObject({ location: 'Lobby', status: 'draft' });
    // A second save from a copy older than that one is refused: a row changed since.
    expect(await h.core.dispatch('projects:save-rows', { id, rows, expectedUpdatedAt: before })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('takes a row edited after queueing out of the queue (it is a draft to queue again); a row in flight keeps what is sent', async () => {
    h = await startQueueHarness({ simOptions: { seed: emptyPbx(50) } });
    const rows = phoneRows(3);
    const { id } = await h.must<{ id: string }>('projects:create', { name: 'Site' });
    await h.must('projects:save-rows', { id, rows });
    await h.must('queue:add', { projectId: id });

    // Row 0 is in flight (an open write-ahead record carries it), rows 1 and 2 are queued.
    h.core.queue.repo.updateJournalNow(id, (journal) => {
      journal.push({ id: 'j1', runId: 'r1', rowIds: ['row-0'], macs: [rows[0]!.mac], sentAt: new Date().toISOString(), outcome: 'pending', settled: false });
    });
    let project = await get(id);
    expect(project.rows.map((r) => r.status)).toEqual(['sending', 'queued', 'queued']);

    const edited = project.rows.map((r) => (r.id === 'row-0' || r.id === 'row-1' ? { ...r, extension: '1040', location: 'Moved' } : r));
    await h.must('projects:save-rows', { id, rows: edited, expectedUpdatedAt: project.updatedAt });
    project = await get(id);
    expect(project.rows[0]).toMatchObject({ status: 'sending', extension: '1000', location: 'Moved' });
    expect(project.rows[1]).toMatchObject({ status: 'draft', extension: '1040', location: 'Moved', message: expect.stringMatching(/Not in the queue/) as string });
    expect(project.rows[2]).toMatchObject({ status: 'queued' });
    expect(h.items(id).map((i) => i.rowId)).toEqual(['row-0', 'row-2']);

    // Re-queue: the new value is what is queued.
    expect((await h.must<{ added: number }>('queue:add', { projectId: id, rowIds: ['row-1'] })).added).toBe(1);
    expect(h.items(id).find((i) => i.rowId === 'row-1')?.extension).toBe('1040');

    // Removing: queued rows leave, the one in flight cannot.
    const removed = await h.must<{ removed: number }>('queue:remove', { projectId: id, rowIds: ['row-0', 'row-2'] });
    expect(removed.removed).toBe(1);
    expect((await get(id)).rows.map((r) => r.status)).toEqual(['sending', 'queued', 'draft']);
  });

  it('retries failed rows, pauses and resumes, and writes the hand-over report', async () => {
    h = await startQueueHarness({ simOptions: { seed: emptyPbx(100), latencyMs: 15 } });
    await h.must('settings:update', { technicianName: 'Ana Lopez' });
    const rows = phoneRows(80);
    rows[4] = { ...rows[4]!, extension: '4321' }; // no such extension: pre-flight fails it
    const id = await h.project(rows);
    let paused = false;
    h.core.events.subscribe((e) => {
      if (paused || e.event !== 'queue:progress' || e.payload.phase !== 'sending') return;
      paused = true;
      void h!.must('queue:pause', { projectId: id });
    });
    await h.must('queue:add', { projectId: id });
    const atPause = await h.waitFor(id, (s) => s.state === 'paused');
    expect(atPause.counts.queued).toBeGreaterThan(0);
    expect(atPause.counts.sending).toBe(0);
    expect((await h.must<{ state: string }>('queue:status', { projectId: id })).state).toBe('paused');

    await h.must('queue:resume', { projectId: id });
    const done = await h.waitFor(id, settled);
    expect(done.counts).toMatchObject({ 'on-pbx': 79, failed: 1 });
    const failed = (await get(id)).rows[4]!;
    expect(failed).toMatchObject({ status: 'failed', message: expect.stringMatching(/Extension 4321 does not exist/) as string });

    // The technician creates the extension on the PBX and retries.
    h.sim.state.addExtension({ id: 999, number: '4321', caller_id_name: 'Warehouse', email_addr: '', mobile_number: '', role_name: 'Employee', presence_status: 'available' });
    expect((await h.must<{ retried: number }>('queue:retry', { projectId: id })).retried).toBe(1);
    await h.waitFor(id, (s) => settled(s) && s.counts['on-pbx'] === 80);

    const csv = await h.must<{ fileName: string; mimeType: string; text: string }>('queue:report', { projectId: id, format: 'csv' });
    expect(csv.fileName).toMatch(/^Handover Site \d{4}-\d{2}-\d{2}\.csv$/);
    const lines = Papa.parse<string[]>(csv.text.replace(/^\uFEFF/, '')).data;
    expect(lines.slice(0, 3)).toEqual([['Site', 'Site'], ['PBX', `Test PBX (${h.sim.url})`], ['Technician', 'Ana Lopez']]);
    const header = lines.findIndex((l) => l[0] === 'MAC');
    expect(lines[header]).toEqual(['MAC', 'Extension', 'Name', 'Vendor', 'Model', 'Location', 'Result', 'Details']);
    const phones = lines.slice(header + 1).filter((l) => l.length > 1);
    expect(phones).toHaveLength(80);
    const warehouse = h.sim.state.extensions().find((e) => e.number === '1000')!.caller_id_name;
    expect(phones[0]).toEqual([rows[0]!.mac, '1000', warehouse, 'Yealink', 'SIP-T54W', 'Floor 1, desk 0', 'On the PBX', expect.stringMatching(/confirmed/) as string]);
    expect(phones[4]!.slice(1, 3)).toEqual(['4321', 'Warehouse']);

    const html = await h.must<{ fileName: string; text: string }>('queue:report', { projectId: id, format: 'html' });
    expect(html.fileName).toMatch(/\.html$/);
    expect(html.text).toContain('Ana Lopez');
    expect(html.text).not.toMatch(/<script/i);
    expect(html.text.match(/<tr class="s-on-pbx">/g)).toHaveLength(80);
  });
});

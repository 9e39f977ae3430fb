import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, EventName, EventPayload, RequestInput, RequestOutput, Result } from '../../shared/contract';
import { type Project, type Row, emptyRow } from '../../shared/domain/project';
import { type Core, createCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/log';
import { sampleRows } from '../support/rows';
import { tempDir } from '../support/temp';

let cores: Core[] = [];
let cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const c of cores) await c.close();
  for (const c of cleanups) c();
  cores = [];
  cleanups = [];
});

/** A core on a data folder (fresh unless given), with every event it emits recorded. */
function start(dataDir?: string): { core: Core; dataDir: string; seen: { event: EventName; payload: unknown }[] } {
  let dir = dataDir;
  if (!dir) {
    const t = tempDir();
    cleanups.push(t.cleanup);
    dir = t.path;
  }
  const core = createCore({ dataDir: dir, shell: 'web' });
  cores.push(core);
  const seen: { event: EventName; payload: unknown }[] = [];
  core.events.subscribe((e) => seen.push(e));
  return { core, dataDir: dir, seen };
}

async function stop(core: Core): Promise<void> {
  await core.close();
  cores = cores.filter((c) => c !== core);
}

/** Calls a channel through the boundary with a typed input. */
function call<C extends Channel>(core: Core, channel: C, input: RequestInput<C>): Promise<Result<RequestOutput<C>>> {
  return core.dispatch(channel, input) as Promise<Result<RequestOutput<C>>>;
}

/** Calls a channel and returns its data, failing the test with the error if it did not succeed. */
async function must<C extends Channel>(core: Core, channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
  const result = await call(core, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** Planned rows with every field filled (row states live in the sync queue, so saved rows are drafts). */
function rows(count: number): Row[] {
  return sampleRows(count, (i) => ({
    serial: `SN${i}`,
    rpsPin: '1234',
    seenOnNetwork: true,
    message: i % 3 === 2 ? 'A note' : '',
  }));
}

describe('projects through core.dispatch', () => {
  it('creates, lists (newest first, archived flagged), gets, renames, updates, archives and unarchives', async () => {
    const { core, seen } = start();
    const a = await must(core, 'projects:create', { name: '  Site A  ', notes: 'Gate code 4711' });
    expect(a).toMatchObject({ name: 'Site A', notes: 'Gate code 4711', pbxProfileId: null, archived: false, rowCount: 0 });
    const b = await must(core, 'projects:create', { name: 'Site B', pbxProfileId: 'pbx-1' });
    expect((await must(core, 'projects:list', {})).projects.map((p) => p.name)).toEqual(['Site B', 'Site A']);

    const renamed = await must(core, 'projects:rename', { id: a.id, name: 'Site A, floor 2' });
    expect(renamed.updatedAt > a.updatedAt).toBe(true);
    expect((await must(core, 'projects:list', {})).projects.map((p) => p.name)).toEqual(['Site A, floor 2', 'Site B']);

    expect(await must(core, 'projects:update', { id: b.id, notes: 'Call Bob', pbxProfileId: null })).toMatchObject({ notes: 'Call Bob', pbxProfileId: null });
    expect(await must(core, 'projects:update', { id: b.id, pbxProfileId: 'pbx-2' })).toMatchObject({ notes: 'Call Bob', pbxProfileId: 'pbx-2' });

    expect(await must(core, 'projects:archive', { id: b.id })).toMatchObject({ archived: true });
    const listed = (await must(core, 'projects:list', {})).projects;
    expect(listed.find((p) => p.id === b.id)?.archived).toBe(true);
    expect(await must(core, 'projects:unarchive', { id: b.id })).toMatchObject({ archived: false });

    const project = await must(core, 'projects:get', { id: a.id });
    expect(project).toMatchObject({ id: a.id, name: 'Site A, floor 2', rows: [] });
    // Every change was announced, so other windows can follow.
    const changed = seen.filter((e) => e.event === 'projects:changed').map((e) => (e.payload as EventPayload<'projects:changed'>).id);
    expect(changed).toEqual([a.id, b.id, a.id, b.id, b.id, b.id, b.id]);
  });

  it('allows two projects with the same name (a site visited twice); lists show their dates', async () => {
    const { core } = start();
    await must(core, 'projects:create', { name: 'Main office' });
    await must(core, 'projects:create', { name: 'Main office' });
    expect((await must(core, 'projects:list', {})).projects).toHaveLength(2);
  });

  it('answers bad input with clear validation errors, never a crash', async () => {
    const { core } = start();
    const { id } = await must(core, 'projects:create', { name: 'Site' });
    const cases: [Channel, unknown, string, RegExp][] = [
      ['projects:create', { name: '' }, 'name', /cannot be empty/],
      ['projects:create', { name: '    ' }, 'name', /cannot be empty/],
      ['projects:create', { name: 'x'.repeat(201) }, 'name', /at most 200/],
      ['projects:rename', { id, name: ' ' }, 'name', /cannot be empty/],
      ['projects:delete', { id }, 'confirm', /needs confirm: true/],
      ['projects:delete', { id, confirm: false }, 'confirm', /needs confirm: true/],
      ['projects:get', { id: '../../etc' }, 'id', /Not a valid project id/],
      ['projects:save-rows', { id, rows: [emptyRow('same'), emptyRow('same')] }, 'rows.1.id', /appears twice/],
      ['projects:save-rows', { id, rows: [{ ...emptyRow('x'), status: 'done' }] }, 'rows.0.status', /./],
    ];
    for (const [channel, input, field, message] of cases) {
      const result = await core.dispatch(channel, input);
      expect(result.ok, `${channel} ${JSON.stringify(input).slice(0, 60)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('validation');
      const problem = result.error.fields?.find((f) => f.path === field);
      expect(problem?.message, `${channel}: field ${field} in ${JSON.stringify(result.error.fields)}`).toMatch(message);
    }
    expect((await must(core, 'projects:get', { id })).name).toBe('Site');
  });

  it('answers an unknown project with not-found', async () => {
    const { core } = start();
    expect(await call(core, 'projects:get', { id: 'no-such-project' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call(core, 'projects:rename', { id: 'no-such-project', name: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('saves rows, returns the new updatedAt, and keeps them across a restart', async () => {
    const { core, dataDir } = start();
    const { id, updatedAt } = await must(core, 'projects:create', { name: 'Site' });
    const saved = await must(core, 'projects:save-rows', { id, rows: rows(3), expectedUpdatedAt: updatedAt });
    expect(saved.rowCount).toBe(3);
    expect(saved.updatedAt > updatedAt).toBe(true);
    await stop(core);
    const again = start(dataDir).core;
    const project = await must(again, 'projects:get', { id });
    expect(project.rows).toEqual(rows(3));
    expect(project.updatedAt).toBe(saved.updatedAt);
    expect((await must(again, 'projects:list', {})).projects[0]).toMatchObject({ id, rowCount: 3 });
  });

  it('refuses a save based on an outdated copy instead of overwriting newer work', async () => {
    const { core } = start();
    const { id, updatedAt } = await must(core, 'projects:create', { name: 'Site' });
    await must(core, 'projects:save-rows', { id, rows: rows(2), expectedUpdatedAt: updatedAt });
    const stale = await call(core, 'projects:save-rows', { id, rows: rows(1), expectedUpdatedAt: updatedAt });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await must(core, 'projects:get', { id })).rows).toHaveLength(2);
  });

  it('duplicates a project: new id and rows ids, "(copy)" name, plan kept, every row back to draft', async () => {
    const { core } = start();
    const { id } = await must(core, 'projects:create', { name: 'Site', pbxProfileId: 'pbx-1', notes: 'n' });
    await must(core, 'projects:save-rows', { id, rows: rows(3) });
    const copy = await must(core, 'projects:duplicate', { id });
    expect(copy).toMatchObject({ name: 'Site (copy)', pbxProfileId: 'pbx-1', notes: 'n', rowCount: 3, archived: false });
    expect(copy.id).not.toBe(id);
    const full = await must(core, 'projects:get', { id: copy.id });
    const original = await must(core, 'projects:get', { id });
    expect(full.rows.map((r) => r.id).some((rid) => original.rows.some((o) => o.id === rid))).toBe(false);
    expect(full.rows.map((r) => [r.mac, r.extension, r.status, r.message, r.seenOnNetwork])).toEqual(original.rows.map((r) => [r.mac, r.extension, 'draft', '', false]));

    const template = await must(core, 'projects:get', { id: (await must(core, 'projects:duplicate', { id, name: 'Branch 2', keepMacs: false })).id });
    expect(template.name).toBe('Branch 2');
    expect(template.rows.every((r) => r.mac === '' && r.serial === '' && r.rpsPin === '' && r.extension !== '')).toBe(true);
  });

  it('deletes only with confirm: true, moving the folder to projects/.trash', async () => {
    const { core, dataDir, seen } = start();
    const { id } = await must(core, 'projects:create', { name: 'Doomed' });
    const deleted = await must(core, 'projects:delete', { id, confirm: true });
    expect(deleted.trashedAs).toMatch(new RegExp(`^projects/\\.trash/${id}-`));
    expect(existsSync(join(dataDir, 'projects', id))).toBe(false);
    const trashed = JSON.parse(readFileSync(join(dataDir, deleted.trashedAs, 'project.json'), 'utf8')) as { data: Project };
    expect(trashed.data.name).toBe('Doomed');
    expect((await must(core, 'projects:list', {})).projects).toEqual([]);
    expect(await call(core, 'projects:get', { id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(seen.some((e) => e.event === 'projects:deleted')).toBe(true);
  });

  it('exports a self-describing file and imports it as a NEW project every time', async () => {
    const { core } = start();
    const { id } = await must(core, 'projects:create', { name: 'Site/Ä: 1', notes: 'n', pbxProfileId: 'pbx-1' });
    await must(core, 'projects:save-rows', { id, rows: rows(3) });
    const exported = await must(core, 'projects:export', { id });
    expect(exported.fileName).toMatch(/^Site-Ä- 1 \d{4}-\d{2}-\d{2}\.onsite-project\.json$/);
    const file = JSON.parse(exported.text) as { format: string; version: number; exportedAt: string; project: Project };
    expect(file).toMatchObject({ format: 'onsite-project', version: 1, project: { id, name: 'Site/Ä: 1' } });
    expect(Object.keys(file.project).sort()).toEqual(['archived', 'createdAt', 'id', 'name', 'notes', 'pbxProfileId', 'rows', 'updatedAt']);

    const first = await must(core, 'projects:import', { text: exported.text });
    const second = await must(core, 'projects:import', { text: exported.text });
    expect(new Set([id, first.id, second.id]).size).toBe(3);
    expect(first).toMatchObject({ name: 'Site/Ä: 1', notes: 'n', rowCount: 3 });
    const imported = await must(core, 'projects:get', { id: first.id });
    const original = await must(core, 'projects:get', { id });
    expect(imported.rows.map((r) => [r.mac, r.extension, r.location, r.rpsPin, r.status])).toEqual(original.rows.map((r) => [r.mac, r.extension, r.location, r.rpsPin, 'draft']));
    expect((await must(core, 'projects:list', {})).projects).toHaveLength(3);

    // A file exported mid-sync: the plan travels, the queue does not. Every row arrives as a draft (the queue
    // here is empty) and what the exporter saw stays as information.
    const states = ['on-pbx', 'queued', 'failed'] as const;
    const midSync = { ...file, project: { ...file.project, rows: file.project.rows.map((r, i) => ({ ...r, status: states[i], message: i === 2 ? 'Template not found' : '' })) } };
    const third = await must(core, 'projects:get', { id: (await must(core, 'projects:import', { text: JSON.stringify(midSync) })).id });
    expect(third.rows.map((r) => r.status)).toEqual(['draft', 'draft', 'draft']);
    expect(third.rows.map((r) => r.message)).toEqual([
      expect.stringMatching(/on the PBX when this project was exported/),
      expect.stringMatching(/queue it again here/),
      'Had failed on the computer that exported this project: Template not found',
    ]);
  });

  it('rejects malformed import files with an error naming what is wrong, importing nothing', async () => {
    const { core } = start();
    const { id } = await must(core, 'projects:create', { name: 'Site' });
    await must(core, 'projects:save-rows', { id, rows: rows(2) });
    const good = JSON.parse((await must(core, 'projects:export', { id })).text) as { project: Project };
    const bad: [string, string, RegExp][] = [
      ['empty', '', /empty/],
      ['not JSON', 'PK\u0003\u0004 zip bytes', /not valid JSON/],
      ['cut short', JSON.stringify(good).slice(0, 100), /not valid JSON.*cut short/],
      ['another format', JSON.stringify({ format: 'csv', rows: [] }), /not an OnSite project file.*"csv"/],
      ['newer version', JSON.stringify({ ...good, format: 'onsite-project', version: 9 }), /newer version/],
      ['bad row', JSON.stringify({ ...good, project: { ...good.project, rows: [{ ...good.project.rows[0], auth: 'yes' }] } }), /project\.rows\.0\.auth/],
      ['no name', JSON.stringify({ ...good, project: { ...good.project, name: '' } }), /project\.name/],
    ];
    for (const [what, text, message] of bad) {
      const result = await call(core, 'projects:import', { text });
      expect(result.ok, what).toBe(false);
      if (!result.ok) {
        expect(result.error.code, what).toBe('validation');
        expect(result.error.message, what).toMatch(message);
      }
    }
    expect((await must(core, 'projects:list', {})).projects).toHaveLength(1);
  });

  it('stores each project in its own folder with mode 0700 and its file with mode 0600', async () => {
    const { core, dataDir } = start();
    const { id } = await must(core, 'projects:create', { name: 'Site' });
    expect(statSync(join(dataDir, 'projects')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'projects', id)).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dataDir, 'projects', id)).sort()).toEqual(['project.json', 'project.last-good.json']);
    expect(statSync(join(dataDir, 'projects', id, 'project.json')).mode & 0o777).toBe(0o600);
  });

  it('recovers a damaged project file at start and says so in the app notices', async () => {
    const { core, dataDir } = start();
    const { id } = await must(core, 'projects:create', { name: 'Site' });
    await must(core, 'projects:save-rows', { id, rows: rows(4) });
    await stop(core);
    const path = join(dataDir, 'projects', id, 'project.json');
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 200));

    const again = start(dataDir).core;
    expect((await must(again, 'projects:list', {})).projects[0]).toMatchObject({ id, rowCount: 4 });
    const { notices } = await must(again, 'app:info', {});
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain(`projects/${id}/project.json could not be read`);
    expect(notices[0]!.message).toContain('project “Site”, 4 rows');
    expect(readdirSync(join(dataDir, 'projects', id)).some((n) => n.startsWith('project.corrupt-'))).toBe(true);
  });
});

describe('projects: size', () => {
  it('saves and reloads 5 000 rows through the boundary (timings reported, loosely bounded)', async () => {
    const { core, dataDir } = start();
    const { id } = await must(core, 'projects:create', { name: 'Big site' });
    const data = rows(5000);
    let t = performance.now();
    const saved = await must(core, 'projects:save-rows', { id, rows: data });
    const saveMs = performance.now() - t;
    expect(saved.rowCount).toBe(5000);
    await stop(core);
    t = performance.now();
    const again = start(dataDir).core;
    const project = await must(again, 'projects:get', { id });
    const loadMs = performance.now() - t;
    expect(project.rows).toEqual(data);
    const bytes = statSync(join(dataDir, 'projects', id, 'project.json')).size;
    console.info(`[projects] 5 000 rows (${(bytes / 1e6).toFixed(2)} MB): save-rows ${saveMs.toFixed(0)} ms, start + get ${loadMs.toFixed(0)} ms`);
    // Loose bounds: catches a pathological regression (e.g. quadratic work), not a slow CI disk.
    expect(saveMs).toBeLessThan(2_000);
    expect(loadMs).toBeLessThan(2_000);
  });
});

describe('settings through core.dispatch', () => {
  it('starts with defaults, saves a change, announces it, and keeps it across a restart', async () => {
    const { core, dataDir, seen } = start();
    expect(await must(core, 'settings:get', {})).toEqual({ theme: 'system', lastProjectId: null, technicianName: '' });
    expect(await must(core, 'settings:update', { theme: 'dark' })).toEqual({ theme: 'dark', lastProjectId: null, technicianName: '' });
    expect(seen.filter((e) => e.event === 'settings:changed').map((e) => e.payload)).toEqual([{ theme: 'dark', lastProjectId: null, technicianName: '' }]);
    await must(core, 'settings:update', { theme: 'dark' });
    expect(seen.filter((e) => e.event === 'settings:changed')).toHaveLength(1); // no change, no event
    expect(statSync(join(dataDir, 'settings.json')).mode & 0o777).toBe(0o600);
    await stop(core);
    expect(await must(start(dataDir).core, 'settings:get', {})).toEqual({ theme: 'dark', lastProjectId: null, technicianName: '' });
  });

  it('rejects an unknown theme or key with a validation error', async () => {
    const { core } = start();
    expect(await core.dispatch('settings:update', { theme: 'pink' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await core.dispatch('settings:update', { fontSize: 40 })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses to open a data folder another running core holds, at start and on requests', async () => {
    const { core, dataDir } = start();
    core.openDataFolder();
    const second = createCore({ dataDir, shell: 'electron' });
    cores.push(second);
    expect(() => second.openDataFolder()).toThrow(/in use by another OnSite Provisioner: a browser shell/);
    const refused = await second.dispatch('projects:list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage' } });
    expect(!refused.ok && refused.error.message).toMatch(/Close the other one/);
  });

  it('touches no file until the data folder is needed (e.g. onsite classify)', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dataDir = join(t.path, 'never-created');
    const core = createCore({ dataDir, shell: 'web', log: createLogger({}) });
    cores.push(core);
    expect(await must(core, 'app:info', {})).toMatchObject({ dataDir });
    expect(existsSync(dataDir)).toBe(false);
  });
});

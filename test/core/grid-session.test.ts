import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, RequestInput, RequestOutput, Result } from '../../shared/contract';
import type { Project } from '../../shared/domain/project';
import { type Core, createCore } from '../../electron/core/core';
import { COLUMN_INDEX } from '../../shared/grid/columns';
import type { Bridge } from '../../renderer/src/bridge';
import { ProjectSession } from '../../renderer/src/features/grid/session';
import { snapshotFixture, validRow, yealinkMac } from '../support/pbx-fixture';
import { tempDir } from '../support/temp';

/** The grid's bridge straight onto a real core and store (no shell in between). */
function directBridge(core: Core): Bridge {
  return {
    shell: 'web',
    call: <C extends Channel>(channel: C, input: RequestInput<C>) => core.dispatch(channel, input) as Promise<Result<RequestOutput<C>>>,
    onEvent: () => () => undefined,
    onLinkState: () => () => undefined,
  };
}

describe('grid session saving through projects:save-rows (real store)', () => {
  const dir = tempDir();
  let core: Core;
  let project: Project;

  const get = async (): Promise<Project> => {
    const result = await core.dispatch('projects:get', { id: project.id });
    if (!result.ok) throw new Error(result.error.message);
    return result.data as Project;
  };

  beforeEach(async () => {
    core = createCore({ dataDir: dir.path, shell: 'web' });
    const created = await core.dispatch('projects:create', { name: 'Session test' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.data as { id: string }).id;
    await core.dispatch('projects:save-rows', { id, rows: [validRow('a', yealinkMac(1), '1001'), validRow('b', yealinkMac(2), '1003')] });
    project = await (async () => {
      const r = await core.dispatch('projects:get', { id });
      return (r as { ok: true; data: Project }).data;
    })();
  });
  afterEach(async () => {
    await core.close();
  });

  it('saves edits after a short pause, and shows saving → saved', async () => {
    const session = new ProjectSession(directBridge(core), project, snapshotFixture());
    const states: string[] = [];
    session.onSaveState((s) => states.push(s.kind));
    session.editor.setCell(0, COLUMN_INDEX.location, 'Desk 1');
    expect(session.dirty).toBe(true);
    await expect.poll(async () => (await get()).rows[0]!.location).toBe('Desk 1');
    expect(session.getSaveState().kind).toBe('saved');
    expect(states).toEqual(['unsaved', 'saving', 'saved']);
    await session.close();
  });

  it('merges with a change saved meanwhile by someone else (the queue), losing neither', async () => {
    const session = new ProjectSession(directBridge(core), project, snapshotFixture());
    // Row b is queued for the PBX (the queue owns its state) and a scanner adds a row, while the grid edits row a.
    expect(await core.dispatch('queue:add', { projectId: project.id, rowIds: ['b'] })).toMatchObject({ ok: true, data: { added: 1 } });
    const current = await get();
    const scanned = validRow('s', yealinkMac(9), '');
    await core.dispatch('projects:save-rows', { id: project.id, rows: [current.rows[0]!, current.rows[1]!, scanned], expectedUpdatedAt: current.updatedAt });
    session.editor.setCell(0, COLUMN_INDEX.extension, '1004');
    session.editor.setCell(1, COLUMN_INDEX.location, 'ignored: row b is queued now');
    const notices: string[] = [];
    session.onNotice((m) => notices.push(m));
    await session.flush();
    expect(notices).toEqual([expect.stringContaining('1 row was queued for the PBX while you edited it') as string]);
    const saved = await get();
    expect(saved.rows.map((r) => [r.id, r.extension, r.status, r.location])).toEqual([
      ['a', '1004', 'draft', ''],
      ['b', '1003', 'queued', ''],
      ['s', '', 'draft', ''],
    ]);
    // The grid shows what was saved.
    expect(session.editor.getRows().map((r) => r.id)).toEqual(['a', 'b', 's']);
    expect(session.getSaveState().kind).toBe('saved');
    await session.close();
  });

  it('keeps retrying a save that failed as the project was switched, until the store has the rows', async () => {
    let linkDown = true;
    const real = directBridge(core);
    const flaky: Bridge = {
      ...real,
      call: (channel, input) =>
        linkDown && channel === 'projects:save-rows' ? Promise.resolve({ ok: false, error: { code: 'disconnected', message: 'Lost the connection to the app.' } }) : real.call(channel, input),
    };
    const session = new ProjectSession(flaky, project, snapshotFixture(), 20);
    session.editor.setCell(0, COLUMN_INDEX.location, 'Desk 9');
    await session.close();
    expect(session.dirty).toBe(true);
    expect(session.getSaveState()).toMatchObject({ kind: 'error', message: 'Lost the connection to the app.' });
    linkDown = false;
    await expect.poll(async () => (await get()).rows[0]!.location).toBe('Desk 9');
    await expect.poll(() => session.dirty).toBe(false);
  });

  it('saves what is left when closed (switching project) without waiting for the pause', async () => {
    const session = new ProjectSession(directBridge(core), project, snapshotFixture());
    session.editor.setCell(1, COLUMN_INDEX.serial, 'SN-42');
    await session.close();
    expect((await get()).rows[1]!.serial).toBe('SN-42');
  });
});

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppFailure } from '../../shared/contract';
import { EventHub } from '../../electron/core/events';
import { createLogger } from '../../electron/core/log';
import { Notices } from '../../electron/core/notices';
import { DataDirInUseError, type DocumentSpec, LOCK_FILE, Store, lastGoodPath } from '../../electron/core/store';
import { tempDir } from '../support/temp';

const noteSpec: DocumentSpec<{ title: string; items: string[] }> = {
  kind: 'note',
  schema: z.object({ title: z.string().min(1), items: z.array(z.string()) }),
  migrations: [],
  title: 'The note file',
  describe: (v) => `note “${v.title}”`,
};
const GOOD = { title: 'Site A', items: ['desk 1', 'desk 2'] };

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

/** A store on a fresh (or given) data folder, with real notices; closed after the test. */
function openStore(dataDir?: string): { store: Store; notices: Notices; dataDir: string } {
  let dir = dataDir;
  if (!dir) {
    const t = tempDir();
    cleanups.push(t.cleanup);
    dir = t.path;
  }
  const notices = new Notices(new EventHub());
  const store = Store.open({ dataDir: dir, shell: 'test', notices, log: createLogger({}) });
  cleanups.push(() => store.close());
  return { store, notices, dataDir: dir };
}

/** Writes GOOD through the store (so a last good copy exists), then closes it. */
function seed(): string {
  const { store, dataDir } = openStore();
  store.open('note.json', noteSpec, { initial: () => GOOD, whenLost: 'lost' }).write(GOOD);
  store.close();
  return dataDir;
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('store: writing', () => {
  it('saves a versioned envelope with mode 0600 in folders with mode 0700, and reads it back', () => {
    const { store, dataDir } = openStore();
    const doc = store.open('deep/er/note.json', noteSpec, { initial: () => GOOD, whenLost: 'lost' });
    doc.write({ title: 'Site B', items: [] });
    const path = join(dataDir, 'deep/er/note.json');
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ kind: 'note', schemaVersion: 1, data: { title: 'Site B', items: [] } });
    expect(Date.parse(String(onDisk.savedAt))).not.toBeNaN();
    expect(mode(path)).toBe(0o600);
    expect(mode(lastGoodPath(path))).toBe(0o600);
    for (const d of [dataDir, join(dataDir, 'deep'), join(dataDir, 'deep/er')]) expect(mode(d)).toBe(0o700);
    expect(mode(join(dataDir, 'onsite.lock'))).toBe(0o600);
    store.close();
    const again = openStore(dataDir).store.open('deep/er/note.json', noteSpec, { whenLost: 'lost' });
    expect(again?.value).toEqual({ title: 'Site B', items: [] });
  });

  it('tightens an existing data folder to 0700', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = join(t.path, 'data');
    mkdirSync(dir, { mode: 0o755 });
    openStore(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('refuses a value that breaks the schema and keeps the saved one', () => {
    const { store } = openStore();
    const doc = store.open('note.json', noteSpec, { initial: () => GOOD, whenLost: 'lost' });
    doc.write(GOOD);
    expect(() => doc.write({ title: '', items: [] })).toThrow(/invalid note/);
    expect(doc.value).toEqual(GOOD);
  });

  it('reports a failed write as a storage error and keeps the previous value in memory and in the backup', () => {
    const { store, dataDir } = openStore();
    const blocked = store.open('blocked.json', noteSpec, { initial: () => GOOD, whenLost: 'lost' });
    blocked.write(GOOD);
    // Put a directory where the file was: the final rename cannot replace it (this works even as root).
    const path = join(dataDir, 'blocked.json');
    rmSync(path);
    mkdirSync(path);
    let failure: unknown;
    try {
      blocked.write({ title: 'new', items: [] });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).code).toBe('storage');
    expect((failure as AppFailure).message).toContain('blocked.json');
    expect((failure as AppFailure).hint).toContain('not saved');
    expect(blocked.value).toEqual(GOOD);
    expect((JSON.parse(readFileSync(lastGoodPath(path), 'utf8')) as { data: unknown }).data).toEqual(GOOD);
  });

  it('removes temp files left by an interrupted write when it opens the file', () => {
    const dataDir = seed();
    writeFileSync(join(dataDir, 'note.json.tmp-1234567890abcdef'), '{"kind":"note","sche');
    writeFileSync(join(dataDir, 'note.last-good.json.tmp-1234567890abc123'), '');
    const { store, notices } = openStore(dataDir);
    expect(store.open('note.json', noteSpec, { whenLost: 'lost' })?.value).toEqual(GOOD);
    expect(readdirSync(dataDir).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(notices.list()).toEqual([]);
  });
});

describe('store: migrations', () => {
  // Version 1 of a realistic document: a site plan whose rows had one `ext` field holding "number name".
  const planV1 = z.object({ site: z.string(), rows: z.array(z.object({ mac: z.string(), ext: z.string() })) });
  const planV2 = z.object({
    site: z.string(),
    rows: z.array(z.object({ mac: z.string(), extension: z.string(), extensionName: z.string() })),
  });
  const v1: DocumentSpec<z.infer<typeof planV1>> = { kind: 'plan', schema: planV1, migrations: [], title: 'The plan' };
  const splitExtension = (data: unknown): unknown => {
    const old = planV1.parse(data);
    return {
      site: old.site,
      rows: old.rows.map((r) => {
        const [number = '', ...name] = r.ext.trim().split(/\s+/);
        return { mac: r.mac, extension: number, extensionName: name.join(' ') };
      }),
    };
  };
  const v2: DocumentSpec<z.infer<typeof planV2>> = { kind: 'plan', schema: planV2, migrations: [splitExtension], title: 'The plan' };

  it('upgrades a version 1 file written by the old code to version 2, keeping the original', () => {
    const { store, dataDir } = openStore();
    store.open('plan.json', v1, { initial: () => ({ site: '', rows: [] }), whenLost: 'lost' }).write({
      site: 'HQ',
      rows: [{ mac: '80:5e:c0:12:34:56', ext: '1001 Front Desk' }, { mac: '80:5e:c0:12:34:57', ext: '1002' }],
    });
    store.close();

    const { store: upgraded, notices } = openStore(dataDir);
    const doc = upgraded.open('plan.json', v2, { whenLost: 'lost' });
    expect(doc?.value).toEqual({
      site: 'HQ',
      rows: [
        { mac: '80:5e:c0:12:34:56', extension: '1001', extensionName: 'Front Desk' },
        { mac: '80:5e:c0:12:34:57', extension: '1002', extensionName: '' },
      ],
    });
    expect(notices.list()).toEqual([]);
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'plan.json'), 'utf8')) as { schemaVersion: number; data: unknown };
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk.data).toEqual(doc?.value);
    const kept = readdirSync(dataDir).filter((n) => n.startsWith('plan.format-1-'));
    expect(kept).toHaveLength(1);
    expect((JSON.parse(readFileSync(join(dataDir, kept[0]!), 'utf8')) as { schemaVersion: number }).schemaVersion).toBe(1);
  });

  it('treats a migration that fails like damage: file kept aside, technician told, nothing lost', () => {
    const { store, dataDir, notices } = openStore();
    const original = JSON.stringify({ kind: 'plan', schemaVersion: 1, savedAt: '', data: { site: 'HQ', rows: 'not rows' } });
    writeFileSync(join(dataDir, 'plan.json'), original);
    const doc = store.open('plan.json', v2, { initial: () => ({ site: '', rows: [] }), whenLost: 'An empty plan is used' });
    expect(doc.value).toEqual({ site: '', rows: [] });
    expect(notices.list()).toHaveLength(1);
    expect(notices.list()[0]!.message).toContain('could not be upgraded from format 1 to 2');
    const kept = readdirSync(dataDir).filter((n) => n.startsWith('plan.corrupt-'));
    expect(kept.map((n) => readFileSync(join(dataDir, n), 'utf8'))).toEqual([original]);
  });
});

describe('store: recovery from damaged files', () => {
  const damage: [string, string | undefined, RegExp][] = [
    ['garbage bytes', '\u0000\u00ff\u00fegarbage\u0001', /not complete JSON/],
    ['truncated JSON', undefined, /not complete JSON/],
    ['JSON that fails the schema', JSON.stringify({ kind: 'note', schemaVersion: 1, savedAt: '', data: { title: 42, items: 'x' } }), /data\.title/],
    ['JSON of another shape', JSON.stringify([1, 2, 3]), /not an OnSite Provisioner data file/],
    ['an empty file', '', /file is empty/],
  ];

  for (const [what, content, reason] of damage) {
    it(`${what}: keeps the damaged file, restores the last good copy, tells the technician`, () => {
      const dataDir = seed();
      const path = join(dataDir, 'note.json');
      const bad = content ?? readFileSync(path, 'utf8').slice(0, 37);
      writeFileSync(path, bad);

      const { store, notices } = openStore(dataDir);
      const doc = store.open('note.json', noteSpec, { whenLost: 'lost' });
      expect(doc?.value).toEqual(GOOD);
      // The main file is whole again.
      expect((JSON.parse(readFileSync(path, 'utf8')) as { data: unknown }).data).toEqual(GOOD);
      // The damaged file is kept, byte for byte.
      const kept = readdirSync(dataDir).filter((n) => /^note\.corrupt-.*\.json$/.test(n));
      expect(kept).toHaveLength(1);
      expect(readFileSync(join(dataDir, kept[0]!), 'utf8')).toBe(bad);
      // The technician is told what happened, which file was kept and what was restored.
      const list = notices.list();
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ level: 'warning', title: 'The note file was restored' });
      expect(list[0]!.message).toMatch(reason);
      expect(list[0]!.message).toContain(kept[0]);
      expect(list[0]!.message).toContain('note “Site A”');
    });
  }

  it('a missing file: restores the last good copy and says the file was missing', () => {
    const dataDir = seed();
    const path = join(dataDir, 'note.json');
    // The file vanishes (e.g. removed by a sync tool) while its backup survives.
    rmSync(path);
    const { store, notices } = openStore(dataDir);
    expect(store.open('note.json', noteSpec, { whenLost: 'lost' })?.value).toEqual(GOOD);
    expect(existsSync(path)).toBe(true);
    expect(notices.list()[0]!.message).toContain('note.json was missing');
  });

  it('a missing file with no copy is a fresh start: initial value, no notice', () => {
    const { store, notices } = openStore();
    expect(store.open('note.json', noteSpec, { initial: () => GOOD, whenLost: 'lost' }).value).toEqual(GOOD);
    expect(store.open('other.json', noteSpec, { whenLost: 'lost' })).toBeUndefined();
    expect(notices.list()).toEqual([]);
  });

  it('damage with no good copy at all: starts empty, keeps every damaged file, and says so', () => {
    const dataDir = seed();
    const path = join(dataDir, 'note.json');
    writeFileSync(path, '{"kind":"note","schemaVer');
    writeFileSync(lastGoodPath(path), 'also broken');
    const { store, notices } = openStore(dataDir);
    const doc = store.open('note.json', noteSpec, { initial: () => ({ title: 'empty', items: [] }), whenLost: 'An empty note is used' });
    expect(doc.value).toEqual({ title: 'empty', items: [] });
    const kept = readdirSync(dataDir).filter((n) => n.includes('corrupt-')).sort();
    expect(kept).toHaveLength(2);
    expect(kept.map((n) => readFileSync(join(dataDir, n), 'utf8')).sort()).toEqual(['also broken', '{"kind":"note","schemaVer']);
    const [notice] = notices.list();
    expect(notice).toMatchObject({ level: 'error', title: 'The note file could not be restored' });
    expect(notice!.message).toContain('An empty note is used');
    for (const name of kept) expect(notice!.message).toContain(name);
  });

  it('damage and no backup file: keeps the damaged file and says there was no copy', () => {
    const { store, notices, dataDir } = openStore();
    writeFileSync(join(dataDir, 'note.json'), 'nonsense');
    expect(store.open('note.json', noteSpec, { whenLost: 'It is not listed' })).toBeUndefined();
    expect(readdirSync(dataDir).filter((n) => n.startsWith('note.corrupt-'))).toHaveLength(1);
    expect(notices.list()[0]!.message).toMatch(/no backup copy.*It is not listed/);
  });

  it('a file from a newer version is left untouched and opens read-only', () => {
    const { store, notices, dataDir } = openStore();
    const newer = JSON.stringify({ kind: 'note', schemaVersion: 7, savedAt: '', data: { whatever: true } });
    writeFileSync(join(dataDir, 'note.json'), newer);
    const doc = store.open('note.json', noteSpec, { initial: () => GOOD, whenLost: 'The default note is used' });
    expect(doc.value).toEqual(GOOD);
    expect(doc.readOnlyReason).toContain('newer version');
    expect(() => doc.write(GOOD)).toThrow(AppFailure);
    expect(readFileSync(join(dataDir, 'note.json'), 'utf8')).toBe(newer);
    expect(notices.list()[0]).toMatchObject({ level: 'error', title: 'The note file is from a newer version' });
  });

  it('a file of another kind is not taken for this one', () => {
    const { store, notices, dataDir } = openStore();
    writeFileSync(join(dataDir, 'note.json'), JSON.stringify({ kind: 'settings', schemaVersion: 1, savedAt: '', data: {} }));
    store.open('note.json', noteSpec, { initial: () => GOOD, whenLost: 'lost' });
    expect(notices.list()[0]!.message).toContain('holds "settings" data');
  });
});

describe('store: one running app per data folder', () => {
  const lockAs = (dataDir: string, pid: number, ageMs = 0): void => {
    const path = join(dataDir, LOCK_FILE);
    writeFileSync(path, JSON.stringify({ pid, host: hostname(), shell: 'web', startedAt: new Date().toISOString(), token: 'someone-else' }));
    const at = new Date(Date.now() - ageMs);
    utimesSync(path, at, at);
  };

  it('refuses a second opener with a message naming the holder, and lets it in after close', () => {
    const { store, dataDir } = openStore();
    let refused: unknown;
    try {
      openStore(dataDir);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as Error).message).toContain(`process ${process.pid}`);
    expect((refused as Error).message).toContain('Close the other one');
    store.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(() => openStore(dataDir)).not.toThrow();
  });

  it('takes over a lock left by a process that died', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    lockAs(t.path, dead);
    const { store } = openStore(t.path);
    expect(store.lockInfo?.holder.pid).toBe(process.pid);
  });

  it('takes over a lock whose holder stopped its heartbeat, even if the pid is alive (pid reuse)', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    lockAs(t.path, process.pid, 10 * 60_000);
    expect(() => openStore(t.path)).not.toThrow();
  });

  it('treats a fresh lock of a live process as held', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    lockAs(t.path, process.pid);
    expect(() => openStore(t.path)).toThrow(DataDirInUseError);
  });

  it('tells the technician if another process took the folder over, and does not remove its lock', () => {
    const { store, notices, dataDir } = openStore();
    lockAs(dataDir, process.pid);
    store.lockInfo?.check();
    expect(notices.list()[0]).toMatchObject({ level: 'error', title: 'Data folder opened twice' });
    store.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
  });
});

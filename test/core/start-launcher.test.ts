import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../electron/cli/electron-binary';
import { tempDir } from '../support/temp';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('npm start where Electron\'s binary is missing', () => {
  it('says so and points to the browser shell, without a stack trace', () => {
    // An empty override folder is exactly "no binary", on any machine.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/tools/start.ts'], { encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir.path } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('desktop app cannot start here');
    expect(run.stderr).toContain('npm run web');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('finds a binary where one is', () => {
    writeFileSync(join(dir.path, 'electron'), '');
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir.path })).toEqual({ ok: true, path: join(dir.path, 'electron') });
  });
});

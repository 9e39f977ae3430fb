import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { tempDir } from '../support/temp';

const dir = tempDir();
afterAll(() => dir.cleanup());
// A data directory that must not come into being: classifying touches no disk.
const dataDir = join(dir.path, 'never-created');

/** The real `onsite` binary, spawned (about 1 s each: tsx compiles the sources, so keep these few). */
function spawnOnsite(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['electron/cli/onsite.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ONSITE_DATA_DIR: dataDir },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same entry point in-process, for the cheaper argument-handling cases. */
async function runMain(...args: string[]): Promise<{ status: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await main(args, { out: (line) => stdout.push(line), err: (line) => stderr.push(line) });
  return { status, stdout, stderr };
}

function onlyJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

describe('onsite classify: the real CLI, spawned', () => {
  it('prints exactly one JSON object, a Yealink MAC, for 805EC0123456, and exits 0', () => {
    const run = spawnOnsite('classify', '805EC0123456');
    expect(run.status, run.stderr).toBe(0);
    expect(onlyJsonLine(run.stdout)).toEqual({ kind: 'mac', mac: '80:5e:c0:12:34:56', vendor: 'Yealink' });
  });

  it('exits 0 for a MAC to confirm, naming the maker from the IEEE registry, with only kind, mac and reason', () => {
    const run = spawnOnsite('classify', '3C:5A:B4:A1:B2:C3');
    expect(run.status, run.stderr).toBe(0);
    const verdict = onlyJsonLine(run.stdout);
    expect(Object.keys(verdict).sort()).toEqual(['kind', 'mac', 'reason']);
    expect(verdict).toMatchObject({ kind: 'mac-unknown-vendor', mac: '3c:5a:b4:a1:b2:c3', reason: expect.stringMatching(/Google/) as unknown });
  });

  it('exits 0 for a serial number, with only kind and reason', () => {
    const run = spawnOnsite('classify', '20180412345678');
    expect(run.status, run.stderr).toBe(0);
    const verdict = onlyJsonLine(run.stdout);
    expect(Object.keys(verdict).sort()).toEqual(['kind', 'reason']);
    expect(verdict.reason).toMatch(/14 digits: looks like a serial number/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits 2 with a usage message and nothing on stdout when there is no text', () => {
    const run = spawnOnsite('classify');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Usage: onsite classify <text>/);
  });
});

describe('onsite classify: arguments', () => {
  it('reads a labelled MAC given as one quoted argument, and an empty one as nothing read', async () => {
    const fanvil = await runMain('classify', 'MAC: 0C:38:3E:A1:B2:C3');
    expect(fanvil.status).toBe(0);
    expect(JSON.parse(fanvil.stdout[0] ?? '')).toMatchObject({ kind: 'mac', vendor: 'Fanvil' });
    const empty = await runMain('classify', '');
    expect(JSON.parse(empty.stdout[0] ?? '')).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/Nothing was read/) as unknown });
  });

  it('joins several words into one text, and takes text starting with a dash after --', async () => {
    const words = await runMain('classify', '80', '5E', 'C0', '12', '34', '56');
    expect(JSON.parse(words.stdout[0] ?? '')).toMatchObject({ kind: 'mac', vendor: 'Yealink' });
    const dashed = await runMain('classify', '--', '-805EC0123456');
    expect(dashed.status).toBe(0);
    expect(JSON.parse(dashed.stdout[0] ?? '')).toMatchObject({ kind: 'rejected' });
  });

  it('shows its usage for --help, and is listed in the general help', async () => {
    const help = await runMain('classify', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toEqual([]);
    expect(help.stderr.join('\n')).toMatch(/Usage: onsite classify <text>/);
    expect((await runMain('--help')).stderr.join('\n')).toMatch(/onsite classify <text>/);
  });

  it('refuses text over the contract limit with exit 2 and a message, not a stack trace', async () => {
    const run = await runMain('classify', 'x'.repeat(100_001));
    expect(run.status).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr.join('\n')).toMatch(/onsite classify: The request barcode:classify was not valid/);
  });
});

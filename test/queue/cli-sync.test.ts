import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PbxSim, startPbxSim } from '../pbx-sim';
import { tempDir } from '../support/temp';
import { emptyPbx, pbxProblems, phoneRows } from './harness';

const ONSITE = fileURLToPath(new URL('../../electron/cli/onsite.js', import.meta.url));

function onsite(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ONSITE, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('onsite sync (command line)', () => {
  let sim: PbxSim;
  const dir = tempDir('onsite-cli-sync-');
  beforeAll(async () => {
    sim = await startPbxSim({ https: true, seed: emptyPbx(120) });
  });
  afterAll(async () => {
    await sim.close();
    dir.cleanup();
  });

  it('reads the PBX’s own import columns, pins the certificate, and exits 1 naming the row that did not reach the PBX', async () => {
    const rows = phoneRows(40);
    rows[7] = { ...rows[7]!, extension: '7777' };
    const csv = ['Vendor,Model,MAC Address,Template,Provisioning Method,Authentication First-time,Assign Extension', ...rows.map((r) => [r.vendor, r.model, r.mac.toUpperCase(), r.template, r.method, '0', r.extension].join(','))].join('\r\n');
    const csvPath = join(dir.path, 'pbx-export.csv');
    writeFileSync(csvPath, csv);
    const args = ['sync', '--base-url', sim.url, '--client-id', sim.knobs.clientId, '--secret-env', 'PBX_SECRET', '--csv', csvPath, '--state-dir', join(dir.path, 'data'), '--chunk-size', '15', '--insecure-pin', sim.fingerprint256()!];
    const run = await onsite(args, { PBX_SECRET: sim.knobs.clientSecret });
    expect(run.code, run.err).toBe(1);
    const summary = JSON.parse(run.out) as { rows: number; counts: Record<string, number>; problems: { mac: string; reason: string }[]; outcome: string; requests: number; runIds: string[] };
    expect(summary).toMatchObject({ rows: 40, counts: { 'on-pbx': 39, failed: 1, queued: 0 }, outcome: 'finished', runIds: [expect.any(String) as string] });
    expect(summary.problems).toEqual([expect.objectContaining({ mac: rows[7].mac, reason: expect.stringMatching(/Extension 7777 does not exist/) as string })]);
    expect(summary.requests).toBeGreaterThan(0);
    expect(pbxProblems(sim, rows.filter((_, i) => i !== 7))).toEqual([]);
    // The secret never appears in what the command prints.
    expect(run.out + run.err).not.toContain(sim.knobs.clientSecret);

    // Run again with the same file and folder: the same project, nothing sent twice, the failed row tried again.
    const again = await onsite(args, { PBX_SECRET: sim.knobs.clientSecret });
    const second = JSON.parse(again.out) as { project: { resumed: boolean }; counts: Record<string, number> };
    expect(second).toMatchObject({ project: { resumed: true }, counts: { 'on-pbx': 39, failed: 1 } });
    expect(sim.state.duplicateMacs()).toEqual([]);
  });

  it('refuses another certificate than the pinned one, and starts nothing without the secret', async () => {
    const csvPath = join(dir.path, 'small.csv');
    const rows = phoneRows(3, { serialBase: 0x900000, firstExtension: 1100 });
    writeFileSync(csvPath, ['mac,extension,vendor,model,template,method,auth,location,name', ...rows.map((r) => [r.mac, r.extension, r.vendor, r.model, r.template, r.method, '0', '', ''].join(','))].join('\n'));
    const base = ['sync', '--base-url', sim.url, '--client-id', sim.knobs.clientId, '--secret-env', 'PBX_SECRET', '--csv', csvPath, '--state-dir', join(dir.path, 'data2')];
    const wrongPin = await onsite([...base, '--insecure-pin', 'AB'.repeat(32)], { PBX_SECRET: sim.knobs.clientSecret });
    expect(wrongPin.code).toBe(1);
    expect(JSON.parse(wrongPin.out)).toMatchObject({ outcome: 'stopped', reason: expect.stringMatching(/certificate/i) as string, counts: { queued: 3 } });
    const noSecret = await onsite(base, { PBX_SECRET: '' });
    expect(noSecret.code).toBe(2);
    expect(noSecret.out).toBe('');
    expect(noSecret.err).toMatch(/PBX_SECRET .*not set/);
  });
});

import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PbxClient } from '../../electron/core/pbx';
import { runCli, startCli } from '../support/cli';
import { tempDir } from '../support/temp';

interface Started {
  readonly child: ChildProcess;
  readonly line: Record<string, string>;
  readonly stderr: () => string;
}

function run(args: string[]): Promise<Started> {
  const child = startCli(['pbx-sim', ...args]);
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve({ child, line: JSON.parse(out.slice(0, newline)) as Record<string, string>, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`onsite pbx-sim exited with ${code}: ${err}`)));
  });
}

describe('onsite pbx-sim', () => {
  const children: ChildProcess[] = [];
  const dir = tempDir();
  afterEach(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    children.length = 0;
  });
  afterAll(() => dir.cleanup());

  it('serves a Cloud Edition PBX over HTTPS that the client can pin and use, and stops on SIGTERM', async () => {
    const started = await run(['--https', '--edition', 'cloud', '--client-id', 'demo-id', '--client-secret', 'demo-secret-123', '--max-batch', '50']);
    children.push(started.child);
    expect(started.line).toMatchObject({ clientId: 'demo-id', clientSecret: 'demo-secret-123', edition: 'cloud' });
    expect(started.line.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await expect.poll(() => started.stderr()).toContain('TEST/DEMO PBX');
    const client = new PbxClient({
      baseUrl: started.line.url ?? '',
      credentials: () => Promise.resolve({ clientId: 'demo-id', secret: 'demo-secret-123' }),
      pin: { fingerprint256: started.line.fingerprint256 ?? '' },
    });
    await expect(client.testConnection()).resolves.toMatchObject({ extensionCount: 410, phoneCount: 36 });
    expect((await client.getMethods('Yealink', 'SIP-T54W')).map((m) => m.value)).toEqual(['rps']);
    await client.close();
    started.child.kill('SIGTERM');
    const [code] = (await once(started.child, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('loads --seed data and refuses bad options with a message', async () => {
    const seed = `${dir.path}/seed.json`;
    writeFileSync(seed, JSON.stringify({ extensions: [{ id: 9, number: '501', caller_id_name: 'Front Desk' }] }));
    const started = await run(['--seed', seed, '--batch-mode', 'partial']);
    children.push(started.child);
    const client = new PbxClient({ baseUrl: started.line.url ?? '', credentials: () => Promise.resolve({ clientId: started.line.clientId ?? '', secret: started.line.clientSecret ?? '' }) });
    expect(await client.listExtensions()).toEqual([{ id: 9, number: '501', name: 'Front Desk' }]);
    await client.close();

    const bad = await runCli(['pbx-sim', '--batch-mode', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--batch-mode must be one of all-or-nothing, partial');
  });
});

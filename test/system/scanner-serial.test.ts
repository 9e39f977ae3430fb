import { chmodSync, realpathSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ScannerPortStatus, ScannerScan } from '../../shared/contract';
import { type Core, createCore } from '../../electron/core/core';
import type { CoreEvent } from '../../electron/core/events';
import { runCli, startCli } from '../support/cli';
import { SocatCable } from '../support/socat';
import { describeWith, socat } from '../support/system';
import { tempDir } from '../support/temp';

/** Collects the core's scanner events and lets a test wait for a condition on them. */
class EventLog {
  readonly scans: ScannerScan[] = [];
  readonly states: ScannerPortStatus[] = [];
  private waiters: (() => void)[] = [];
  readonly stop: () => void;

  constructor(core: Core) {
    this.stop = core.events.subscribe((item: CoreEvent) => {
      if (item.event === 'scanner:scan') this.scans.push(item.payload);
      if (item.event === 'scanner:port-state') this.states.push(item.payload);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves once `condition` holds, re-checking after every event; fails after `ms`. */
  async until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }
}

/** The scanners a core reports through `scanner:status`. */
async function statusPorts(core: Core): Promise<ScannerPortStatus[]> {
  const result = await core.dispatch('scanner:status', {});
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { ports: ScannerPortStatus[] }).ports;
}

/** Distinct Yealink MACs (805EC0 block) for high-rate runs. */
const yealink = (i: number): string => `805EC0${i.toString(16).toUpperCase().padStart(6, '0')}`;

describeWith(socat(), 'serial scanners over a socat pty pair, through the core', () => {
  const dir = tempDir('onsite-scanner-');
  let cable: SocatCable;
  let core: Core;
  let log: EventLog;

  beforeAll(async () => {
    cable = new SocatCable(dir.path);
    await cable.plug();
    core = createCore({ dataDir: `${dir.path}/data`, shell: 'web' });
    log = new EventLog(core);
  });
  afterEach(async () => {
    await core.dispatch('scanner:disconnect', { path: cable.appSide });
    log.scans.length = 0;
    log.states.length = 0;
  });
  afterAll(async () => {
    log?.stop();
    await core?.close();
    await cable?.unplug();
    dir.cleanup();
  });

  const connect = async (terminator?: string): Promise<ScannerPortStatus> => {
    const result = await core.dispatch('scanner:connect', { path: cable.appSide, ...(terminator ? { terminator } : {}) });
    if (!result.ok) throw new Error(`connect failed: ${result.error.message}`);
    return result.data as ScannerPortStatus;
  };

  it('reads codes ended by CR, LF or CRLF with the default "any", and each explicit setting', async () => {
    const opened = await connect();
    expect(opened).toMatchObject({ state: 'open', baudRate: 9600, terminator: 'any' });
    cable.write('805EC0A1B2C3\rC074ADA1B2C3\n000413A1B2C3\r\n');
    await log.until(() => log.scans.length === 3, '3 scans');
    expect(log.scans.map((s) => s.raw)).toEqual(['805EC0A1B2C3', 'C074ADA1B2C3', '000413A1B2C3']);
    expect(log.scans.map((s) => s.classification)).toEqual([
      { kind: 'mac', mac: '80:5e:c0:a1:b2:c3', vendor: expect.stringMatching(/yealink/i) as unknown },
      { kind: 'mac', mac: 'c0:74:ad:a1:b2:c3', vendor: expect.stringMatching(/grandstream/i) as unknown },
      { kind: 'mac', mac: '00:04:13:a1:b2:c3', vendor: expect.stringMatching(/snom/i) as unknown },
    ]);
    expect(log.scans[0]).toMatchObject({ source: 'scanned-serial', port: cable.appSide });
    expect(Date.parse(log.scans[0]!.at)).toBeGreaterThan(Date.now() - 10_000);

    for (const [terminator, end] of [['cr', '\r'], ['lf', '\n'], ['crlf', '\r\n']] as const) {
      log.scans.length = 0;
      expect((await connect(terminator)).terminator).toBe(terminator);
      cable.write(`805EC0000001${end}805EC0000002${end}`);
      await log.until(() => log.scans.length === 2, `2 scans with ${terminator}`);
      expect(log.scans.map((s) => s.raw)).toEqual(['805EC0000001', '805EC0000002']);
    }
  });

  it('refuses a serial-number barcode with the reason, and strips STX/ETX framing', async () => {
    await connect();
    cable.write('20180412345678\r\x02805EC0A1B2C3\x03\r');
    await log.until(() => log.scans.length === 2, '2 scans');
    expect(log.scans[0]).toMatchObject({ raw: '20180412345678', classification: { kind: 'rejected', reason: expect.stringMatching(/serial number/i) as unknown } });
    expect(log.scans[1]).toMatchObject({ raw: '805EC0A1B2C3', classification: { kind: 'mac' } });
  });

  it('loses and merges nothing at 20 scans per second for 10 seconds', async () => {
    await connect();
    const sent = Array.from({ length: 200 }, (_, i) => yealink(i));
    const start = performance.now() + 20;
    // Writes are paced against the clock (not chained sleeps), so drift does not accumulate.
    await new Promise<void>((done) => {
      let i = 0;
      const next = (): void => {
        const code = sent[i];
        if (code === undefined) return done();
        cable.write(`${code}\r`);
        i += 1;
        setTimeout(next, Math.max(0, start + i * 50 - performance.now()));
      };
      setTimeout(next, Math.max(0, start - performance.now()));
    });
    await log.until(() => log.scans.length >= 200, '200 scans', 5_000);
    expect(log.scans.map((s) => s.raw)).toEqual(sent);
    expect(log.scans.every((s) => s.classification.kind === 'mac')).toBe(true);
    expect(await statusPorts(core)).toMatchObject([{ path: cable.appSide, state: 'open', scans: 200 }]);
  }, 20_000);

  it('reconnects by itself when the scanner is unplugged and plugged back in', async () => {
    await connect();
    await cable.unplug();
    await log.until(() => log.states.some((s) => s.state === 'reconnecting'), 'reconnecting state');
    expect(log.states.find((s) => s.state === 'reconnecting')?.error?.message).toMatch(/unplugged/);
    await cable.plug();
    await log.until(() => log.states.at(-1)?.state === 'open', 'open again');
    cable.write('805EC0ABCDEF\r');
    await log.until(() => log.scans.length === 1, 'a scan after the replug');
    expect(log.scans[0]?.raw).toBe('805EC0ABCDEF');
  });

  it('says clearly when the port is busy (another program holds it), and connects once it is free', async () => {
    const other = new SerialPort({ path: cable.appSide, baudRate: 9600, autoOpen: false });
    await new Promise<void>((done, fail) => other.open((e) => (e ? fail(e) : done())));
    try {
      const result = await core.dispatch('scanner:connect', { path: cable.appSide });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('serial');
      expect(result.error.message).toMatch(/busy: another program/);
      expect(result.error.hint).toMatch(/Close the other program/);
      expect(await statusPorts(core)).toEqual([]);
    } finally {
      await new Promise<void>((done) => other.close(() => done()));
    }
    expect((await connect()).state).toBe('open');
  });

  it('says clearly when the port does not exist', async () => {
    const result = await core.dispatch('scanner:connect', { path: `${dir.path}/ttyNOPE` });
    expect(result).toMatchObject({ ok: false, error: { code: 'serial', message: expect.stringMatching(/not there: the scanner is unplugged/) as unknown } });
  });

  it('remembers the chosen port for this machine and reopens it at the next start', async () => {
    const dataDir = `${dir.path}/data-remember`;
    const first = createCore({ dataDir, shell: 'web' });
    const chosen = await first.dispatch('scanner:connect', { path: cable.appSide, terminator: 'cr' });
    expect(chosen.ok).toBe(true);
    await first.close();

    const next = createCore({ dataDir, shell: 'web' });
    const nextLog = new EventLog(next);
    next.openDataFolder(); // what every shell does at start
    try {
      await nextLog.until(() => nextLog.states.at(-1)?.state === 'open', 'reopened at the next start');
      expect(nextLog.states.at(-1)).toMatchObject({ path: cable.appSide, terminator: 'cr' });
      cable.write('805EC0000123\r');
      await nextLog.until(() => nextLog.scans.length === 1, 'a scan after the restart');
      // Disconnecting forgets it: a third start opens nothing.
      await next.dispatch('scanner:disconnect', { path: cable.appSide });
    } finally {
      nextLog.stop();
      await next.close();
    }
    const third = createCore({ dataDir, shell: 'web' });
    third.openDataFolder();
    expect(await statusPorts(third)).toEqual([]);
    await third.close();
  });

  it('reports a missing permission with the dialout hint (CLI, run without root\'s file override)', async () => {
    // Root ignores file modes; dropping CAP_DAC_OVERRIDE makes this process see mode 000 like any user.
    const target = realpathSync(cable.appSide);
    chmodSync(target, 0o000);
    try {
      const out = await runCli(['scanner', '--port', cable.appSide], { dropFileOverride: true });
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(/You do not have permission to open/);
      expect(out.stderr).toContain('sudo usermod -aG dialout $USER');
    } finally {
      chmodSync(target, 0o620);
    }
  });

  it('`onsite scanner --port` prints each scan as one classified JSON line, and stops cleanly on Ctrl+C', async () => {
    const child = startCli(['scanner', '--port', cable.appSide, '--terminator', 'cr']);
    let stdout = '';
    let stderr = '';
    let wake: () => void = () => undefined;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      wake();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      wake();
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const until = async (condition: () => boolean): Promise<void> => {
      while (!condition()) await new Promise<void>((resolve) => (wake = resolve));
    };
    await until(() => stderr.includes('Reading scans from'));
    cable.write('805EC0A1B2C3\r20180412345678\r');
    await until(() => stdout.split('\n').length >= 3);
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ kind: 'mac', mac: '80:5e:c0:a1:b2:c3', raw: '805EC0A1B2C3', port: cable.appSide });
    expect(lines[1]).toMatchObject({ kind: 'rejected', raw: '20180412345678' });
    expect(Date.parse(String(lines[1]?.at))).toBeGreaterThan(0);
  });

  it('`onsite scanner --list` reports a failed listing (no udevadm) as JSON, not a crash', async () => {
    const out = await runCli(['scanner', '--list'], { env: { ...process.env, PATH: '/nonexistent' } });
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout) as { ports: unknown[]; listError?: string };
    expect(result.ports).toEqual([]);
    expect(result.listError).toMatch(/udevadm.*typing the port path/);
  });
});

import { execFileSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { describeWith, secretService } from '../support/system';
import { tempDir } from '../support/temp';

const CHILD = 'test/support/children/keychain-roundtrip.ts';

interface ChildReport {
  mode: 'keychain' | 'memory';
  reason: string | null;
  readBack: string | null;
  deleted: boolean;
  afterDelete: string | null;
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

/** Runs a shell script inside a private D-Bus session with an unlocked gnome-keyring, with a throwaway HOME. */
function inKeyringSession(script: string): string {
  const home = tempDir('onsite-keyring-');
  cleanups.push(home.cleanup);
  return execFileSync('dbus-run-session', ['--', 'sh', '-c', `echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && ${script}`], {
    env: { PATH: process.env.PATH, HOME: home.path, XDG_DATA_HOME: `${home.path}/.local/share` },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

function lastJson(output: string): ChildReport {
  return JSON.parse(output.trim().split('\n').at(-1)!) as ChildReport;
}

describeWith(secretService(), 'OS keychain through a real Secret Service (gnome-keyring)', () => {
  it('stores, reads back and deletes a secret in the Secret Service, not in memory', () => {
    const report = lastJson(inKeyringSession(`node --import tsx ${CHILD} profile-1 'Sup3r-secret-value'`));
    expect(report).toEqual({ mode: 'keychain', reason: null, readBack: 'Sup3r-secret-value', deleted: true, afterDelete: null });
  });

  it('is really in the Secret Service: another program (secret-tool) finds it under our service name', () => {
    const out = inKeyringSession(
      `node --import tsx ${CHILD} profile-2 'Visible-to-secret-tool' keep >/dev/null && secret-tool lookup service 'OnSite Provisioner' username profile-2`,
    );
    expect(out.trim()).toBe('Visible-to-secret-tool');
  });
});

describeWith(secretService(), 'OS keychain missing', () => {
  it('keeps the secret in memory for this run and says why and how to fix it', () => {
    const home = tempDir('onsite-nokeyring-');
    cleanups.push(home.cleanup);
    // No session bus at all: what a Linux machine without a desktop session looks like.
    const out = execFileSync('node', ['--import', 'tsx', CHILD, 'profile-3', 'memory-only-secret'], {
      env: { PATH: process.env.PATH, HOME: home.path, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      encoding: 'utf8',
    });
    const report = lastJson(out);
    expect(report.mode).toBe('memory');
    expect(report.readBack).toBe('memory-only-secret');
    expect(report.reason).toMatch(/Secret Service/);
    expect(report.reason).toMatch(/memory for this run only/);
  });
});

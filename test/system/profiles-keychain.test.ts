import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { type PbxSim, startPbxSim } from '../pbx-sim';
import { leaksIn } from '../profiles/leak-scan';
import { describeWith, secretService } from '../support/system';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const CHILD = 'test/support/children/profiles-keychain.ts';
const SECRET = 'Keychain-Canary-5e6f7a8b9c0d';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

interface Report {
  step: string;
  storage: { mode: string; reason: string | null };
  secretStored: boolean;
  check: { extensionCount: number; phoneCount: number };
  extensions?: number;
  profileId?: string;
  secretToolMatches?: boolean;
  afterDelete?: string | null;
  notices: string[];
  results: string[];
}

async function setup(): Promise<{ sim: PbxSim; dataDir: string; home: string }> {
  // The simulator runs in this process (children reach it over loopback), so calls must not block: async exec.
  const sim = await startPbxSim({ https: true, clientSecret: SECRET });
  const data = tempDir('osp-profiles-kc-data-');
  const home = tempDir('osp-profiles-kc-home-');
  cleanups.push(() => sim.close(), data.cleanup, home.cleanup);
  return { sim, dataDir: data.path, home: home.path };
}

function env(sim: PbxSim, dataDir: string, home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: `${home}/.local/share`, OSP_DATA_DIR: dataDir, OSP_SIM_URL: sim.url, OSP_CLIENT_ID: sim.knobs.clientId, OSP_SECRET: SECRET, ...extra };
}

function reports(stdout: string): Report[] {
  return stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Report);
}

describeWith(secretService(), 'PBX profiles with a real Secret Service (gnome-keyring under dbus-run-session)', () => {
  it('the Client Secret lives in the keychain: another program finds it, a restarted app logs in with it, deleting the profile deletes it; none in the data folder', async () => {
    const { sim, dataDir, home } = await setup();
    const script = `echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && node --import tsx ${CHILD} create && node --import tsx ${CHILD} reopen`;
    const { stdout } = await run('dbus-run-session', ['--', 'sh', '-c', script], { env: env(sim, dataDir, home), encoding: 'utf8' });
    const [created, reopened] = reports(stdout);

    expect(created).toMatchObject({ storage: { mode: 'keychain', reason: null }, secretStored: true, secretToolMatches: true, extensions: 410, check: { extensionCount: 410 } });
    expect(created!.notices.filter((t) => t.includes('memory'))).toEqual([]);
    // The second process never saw the secret typed: it came from the keychain.
    expect(reopened).toMatchObject({ storage: { mode: 'keychain' }, secretStored: true, check: { phoneCount: 36 }, afterDelete: null });
    expect(sim.count('get_token')).toBe(2);
    expect(sim.liveTokens()).toBe(0); // each app revoked its token when it closed

    expect(leaksIn(dataDir, [SECRET, ...sim.issuedTokens()])).toEqual([]);
    const shown = [...created!.results, ...reopened!.results].join('\n');
    for (const needle of [SECRET, ...sim.issuedTokens()]) expect(shown.includes(needle)).toBe(false);
  });
  // Without a Secret Service (memory mode, the notice, a restart forgetting the secret): test/profiles/profiles.test.ts.
});

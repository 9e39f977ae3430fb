// Child process for the PBX-profile keychain tests: runs a real core in whatever D-Bus session it was started in
// (gnome-keyring or none), against the simulator whose URL it is given, and prints one JSON line.
//   create: save a profile with its secret, trust the certificate, test the connection, refresh the cache
//   reopen: a restarted app: the secret comes from the keychain, then the profile is deleted
import { execFileSync } from 'node:child_process';
import { createCore } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/log';
import type { Channel, RequestInput, RequestOutput } from '../../../shared/contract';

const { OSP_DATA_DIR: dataDir = '', OSP_SIM_URL: simUrl = '', OSP_CLIENT_ID: clientId = '', OSP_SECRET: secret = '' } = process.env;
const step = process.argv[2];
const core = createCore({ dataDir, shell: 'web', log: createLogger({ dir: `${dataDir}/logs`, minLevel: 'debug' }) });
const results: string[] = [];

async function ok<C extends Channel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
  const result = await core.dispatch(channel, input);
  results.push(JSON.stringify(result));
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.data as RequestOutput<C>;
}

/** What another program finds in the Secret Service under our service name for this account. */
function secretToolLookup(account: string): string | null {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', 'OnSite Provisioner', 'username', account], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null; // exit status 1: nothing stored
  }
}

const report: Record<string, unknown> = { step };
if (step === 'create') {
  const { profile } = await ok('pbx:save-profile', { name: 'Keychain site', baseUrl: simUrl, clientId, secret });
  const probe = await ok('pbx:probe-certificate', { baseUrl: simUrl });
  await ok('pbx:trust-certificate', { id: profile.id, fingerprint256: probe.certificate.fingerprint256 });
  report.check = await ok('pbx:test-connection', { id: profile.id });
  report.extensions = (await ok('pbx:refresh', { id: profile.id })).snapshot.extensions.items.length;
  const list = await ok('pbx:profiles', {});
  report.storage = list.storage;
  report.secretStored = list.profiles[0]?.secretStored;
  report.profileId = profile.id;
  report.secretToolMatches = secretToolLookup(profile.id) === secret;
} else {
  const list = await ok('pbx:profiles', {});
  const id = list.profiles[0]!.id;
  report.storage = list.storage;
  report.secretStored = list.profiles[0]!.secretStored;
  report.check = await ok('pbx:test-connection', { id });
  await ok('pbx:delete-profile', { id, confirm: true });
  report.afterDelete = secretToolLookup(id);
}
report.notices = (await ok('app:info', {})).notices.map((n) => n.title);
await core.close();
report.results = results;
process.stdout.write(`${JSON.stringify(report)}\n`);

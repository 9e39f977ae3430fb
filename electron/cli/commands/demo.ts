import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type * as SimModule from '../../../test/pbx-sim/index';
import { type Core, createCore } from '../../core/core';
import { memoryStore } from '../../core/credentials/secret-store';
import { type CliCommand, type CliIo, intOption, untilStopped } from '../command';
import { DEMO_PROFILE_NAME, DEMO_PROJECT_NAME, type DemoPbx, call, prepareDemoDir, seedDemo } from '../demo-seed';
import { findElectronBinary } from '../electron-binary';
import { RENDERER_DIR, assertRendererBuilt } from './web';

const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEMO_SECRETS_REASON =
  'Demo mode: the simulated PBX\'s Client Secret is kept in memory for this run only. It is not a real secret, and the demo leaves nothing in your keychain.';

async function startSimulator(): Promise<{ sim: SimModule.PbxSim; pbx: DemoPbx }> {
  let module: typeof SimModule;
  try {
    module = await import('../../../test/pbx-sim/index');
  } catch (error) {
    throw new Error(`the demo needs the PBX simulator from the source checkout (test/pbx-sim), which could not be loaded: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const credentials = module.randomCredentials();
  const sim = await module.startPbxSim({ https: true, ...credentials });
  const fingerprint256 = sim.fingerprint256();
  if (!fingerprint256) throw new Error('the simulator started without a certificate');
  return { sim, pbx: { url: sim.url, ...credentials, fingerprint256 } };
}

function announce(io: CliIo, dataDir: string, pbx: DemoPbx, rows: number): void {
  io.err(
    [
      'OnSite Provisioner DEMO: nothing here touches your real data folder or a real PBX.',
      `  Simulated PBX (TEST/DEMO, HTTPS): ${pbx.url}`,
      `  Its self-signed certificate (SHA-256 ${pbx.fingerprint256}) was pinned automatically, because the demo`,
      '  started this simulator itself. With a real PBX you compare the fingerprint yourself before trusting it.',
      `  PBX profile "${DEMO_PROFILE_NAME}" (connection tested, offline data fetched); project "${DEMO_PROJECT_NAME}" with ${rows} planned phones.`,
      `  Demo data folder: ${dataDir} (wiped at the next demo start).`,
      '  Try it: on the Site screen press Ctrl+Shift+Enter to queue the ready phones and watch them reach the PBX;',
      '  the rows without a MAC wait for a scan (Scanners screen, or type one).',
    ].join('\n'),
  );
}

/** Runs the demo in the browser shell, on the same core that seeded it. */
async function runWeb(core: Core, sim: SimModule.PbxSim, port: number, io: CliIo, facts: Record<string, unknown>): Promise<number> {
  // Loaded here, as `onsite web` does: the WebSocket server costs ~0.4 s to load, which other commands need not pay.
  const { startWebShell } = await import('../../web/server');
  let shell: Awaited<ReturnType<typeof startWebShell>>;
  try {
    shell = await startWebShell({ core, staticDir: RENDERER_DIR, port });
  } catch (error) {
    // e.g. the port is taken: stop the simulator and the core too, or the process would never exit.
    await core.close();
    await sim.close();
    throw error;
  }
  io.out(JSON.stringify({ url: shell.url, shell: 'web', ...facts }));
  io.err(`\nOpen this address in Chromium, Chrome, Edge or Firefox:\n\n  ${shell.url}\n\nPress Ctrl+C to stop the demo (the app and the simulated PBX).`);
  await untilStopped();
  await shell.close();
  await core.close();
  await sim.close();
  return 0;
}

/** Runs the demo in the Electron app, which gets the demo data folder; the secret was stored in the keychain. */
async function runElectron(electronPath: string, core: Core, seed: { profileId: string }, sim: SimModule.PbxSim, dataDir: string, io: CliIo, facts: Record<string, unknown>): Promise<number> {
  const { storage } = await call(core, 'pbx:profiles', {});
  if (storage.mode === 'memory') {
    io.err(`\nNo keychain here: in the app's PBX screen, edit "${DEMO_PROFILE_NAME}" and enter the Client Secret ${String(sim.knobs.clientSecret)}`);
  }
  await core.close(); // hands the data folder (and its lock) to the app
  const app = spawn(electronPath, [APP_ROOT], { env: { ...process.env, ONSITE_DATA_DIR: dataDir }, stdio: 'inherit' });
  io.out(JSON.stringify({ shell: 'electron', ...facts }));
  io.err('\nThe desktop app is starting. Close it, or press Ctrl+C here, to stop the demo.');
  const stopped = untilStopped().then(() => app.kill('SIGTERM'));
  const code = await new Promise<number>((done) => app.once('exit', (exit) => done(exit ?? 0)));
  void stopped;
  // The demo profile's secret went to the OS keychain for the app to find: deleting the profile removes it.
  const cleanup = createCore({ dataDir, shell: 'web' });
  try {
    await call(cleanup, 'pbx:delete-profile', { id: seed.profileId, confirm: true, detachProjects: true });
  } finally {
    await cleanup.close();
  }
  await sim.close();
  return code === 0 ? 0 : 1;
}

/**
 * `onsite demo`: starts the PBX simulator with its seed data (HTTPS), seeds a demo profile and project in a
 * separate data folder, and opens the app on it: the Electron app where its binary is installed, else the
 * browser shell. The app's normal start never starts the simulator.
 */
export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo [--data-dir DIR] [--port N] [--web]',
  summary: 'A demo with a simulated PBX and a sample project, in its own data folder.',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, web: { type: 'boolean', default: false } },
      strict: true,
    });
    const port = intOption('port', values.port, 0, 65535) ?? 0;
    assertRendererBuilt();
    const dataDir = resolve(values['data-dir'] ?? join(tmpdir(), 'onsite-demo'));
    const electron = values.web ? ({ ok: false, reason: '--web' } as const) : findElectronBinary();
    prepareDemoDir(dataDir);
    const { sim, pbx } = await startSimulator();
    // Browser shell: one process, so the secret can stay in memory. Electron: the app is another process and
    // finds the secret in the OS keychain.
    const core = createCore({ dataDir, shell: 'web', ...(electron.ok ? {} : { pbx: { openSecrets: (log) => Promise.resolve(memoryStore(DEMO_SECRETS_REASON, log)) } }) });
    let seed: Awaited<ReturnType<typeof seedDemo>>;
    try {
      core.openDataFolder();
      seed = await seedDemo(core, pbx);
    } catch (error) {
      await core.close();
      await sim.close();
      throw error;
    }
    announce(io, dataDir, pbx, seed.rows);
    const facts = { dataDir, pbx: pbx.url, profileId: seed.profileId, projectId: seed.projectId };
    if (electron.ok) return runElectron(electron.path, core, seed, sim, dataDir, io, facts);
    if (!values.web) io.err(`\nThe desktop app cannot start here (${electron.reason}): using the browser shell.`);
    return runWeb(core, sim, port, io, facts);
  },
};

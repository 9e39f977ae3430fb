import { type Channel, type RequestInput, type RequestOutput, type AppError } from '../../shared/contract';
import { join } from 'node:path';
import { type Core, createCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/log';
import { type PbxSim, type PbxSimOptions, startPbxSim } from '../pbx-sim';
import { FAST_RETRY } from '../pbx/harness';
import { tempDir } from '../support/temp';

/**
 * In-process tests must never touch the developer's real keychain: point the Secret Service client at a bus
 * that does not exist, which is exactly a Linux machine without one (the in-memory fallback). Each test file
 * runs in its own process (vitest `forks`), so this stays local to the file that imports the harness.
 */
export function withoutSecretService(): void {
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/osp-profiles-bus';
}

/** A core on a temporary data folder and a simulator, with every dispatch result kept for leak checks. */
export interface ProfilesHarness {
  readonly sim: PbxSim;
  core: Core;
  readonly dataDir: string;
  /** The JSON of every result the UI would have received. */
  readonly results: string[];
  /** Calls a channel and returns its data; fails the test with the error when it fails. */
  ok<C extends Channel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>;
  /** Calls a channel that must fail and returns the error. */
  fail<C extends Channel>(channel: C, input: RequestInput<C>): Promise<AppError>;
  /** Creates a profile for the simulator (its own Client ID and Secret unless given). */
  createProfile(overrides?: Partial<RequestInput<'pbx:save-profile'>>): Promise<RequestOutput<'pbx:save-profile'>['profile']>;
  /** Closes the core and starts a new one on the same data folder (an app restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

function newCore(dataDir: string): Core {
  // Debug level: every PBX request is logged, so the leak checks see the most the app ever writes.
  const log = createLogger({ dir: join(dataDir, 'logs'), minLevel: 'debug' });
  return createCore({ dataDir, shell: 'web', log, pbx: { clientOptions: { retry: FAST_RETRY, timeoutMs: 3_000, writeTimeoutMs: 3_000 } } });
}

/** Starts the simulator (HTTPS with a self-signed certificate by default) and a core. */
export async function startProfilesHarness(simOptions: PbxSimOptions = { https: true }): Promise<ProfilesHarness> {
  const dir = tempDir('osp-profiles-');
  const sim = await startPbxSim(simOptions);
  const results: string[] = [];
  const harness: ProfilesHarness = {
    sim,
    core: newCore(dir.path),
    dataDir: dir.path,
    results,
    async ok(channel, input) {
      const result = await harness.core.dispatch(channel, input);
      results.push(JSON.stringify(result));
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.data as RequestOutput<typeof channel>;
    },
    async fail(channel, input) {
      const result = await harness.core.dispatch(channel, input);
      results.push(JSON.stringify(result));
      if (result.ok) throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(result.data).slice(0, 300)}`);
      return result.error;
    },
    async createProfile(overrides = {}) {
      const saved = await harness.ok('pbx:save-profile', { name: 'Site PBX', baseUrl: sim.url, clientId: sim.knobs.clientId, secret: sim.knobs.clientSecret, ...overrides });
      return saved.profile;
    },
    async restart() {
      await harness.core.close();
      harness.core = newCore(dir.path);
    },
    async close() {
      await harness.core.close();
      await sim.close();
      dir.cleanup();
    },
  };
  return harness;
}

import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createLogger } from '../../electron/core/log';
import { PbxClient, type PbxClientOptions } from '../../electron/core/pbx';
import { type PbxSim, type PbxSimOptions, startPbxSim } from '../pbx-sim';
import { tempDir } from '../support/temp';

/** A simulator and a client on a shared, movable clock, logging to a temporary directory. */
export interface Harness {
  readonly sim: PbxSim;
  readonly client: PbxClient;
  /** Makes another client against the same simulator (same clock and log). */
  newClient(options?: Partial<PbxClientOptions> & { secret?: string }): PbxClient;
  /** Moves both clocks (simulator and clients) forward. */
  advance(ms: number): void;
  /** How often the credentials provider was asked. */
  credentialCalls(): number;
  /** Everything written to the log file so far. */
  logText(): string;
  close(): Promise<void>;
}

/** Small backoff so retry tests run in milliseconds (no sleeps in tests). */
export const FAST_RETRY = { retries: 3, baseMs: 1, maxMs: 4 };

/** Starts a simulator and a client; `secret` defaults to the simulator's own. */
export async function startHarness(simOptions: PbxSimOptions = {}, clientOptions: Partial<PbxClientOptions> & { secret?: string } = {}): Promise<Harness> {
  let offset = 0;
  const now = (): number => Date.now() + offset;
  const sim = await startPbxSim({ now, ...simOptions });
  const dir = tempDir('onsite-pbx-test-');
  const log = createLogger({ dir: dir.path, minLevel: 'debug' });
  let calls = 0;
  const clients: PbxClient[] = [];
  const { secret: defaultSecret, ...rest } = clientOptions;
  const newClient = (options: Partial<PbxClientOptions> & { secret?: string } = {}): PbxClient => {
    const { secret: ownSecret, ...own } = options;
    const secret = 'secret' in options ? ownSecret : defaultSecret;
    const client = new PbxClient({
      baseUrl: sim.url,
      credentials: () => {
        calls += 1;
        return Promise.resolve({ clientId: sim.knobs.clientId, secret: secret ?? sim.knobs.clientSecret });
      },
      log: log.scope('pbx'),
      now,
      retry: FAST_RETRY,
      timeoutMs: 2_000,
      writeTimeoutMs: 2_000,
      ...rest,
      ...own,
    });
    clients.push(client);
    return client;
  };
  const client = newClient();
  return {
    sim,
    client,
    newClient,
    advance: (ms) => {
      offset += ms;
    },
    credentialCalls: () => calls,
    logText: () => (existsSync(`${dir.path}/onsite.log`) ? readFileSync(`${dir.path}/onsite.log`, 'utf8') : ''),
    close: async () => {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await sim.close();
      dir.cleanup();
    },
  };
}

/** Rejection of a promise, for asserting on PbxError fields. */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & { code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & { code: string; message: string };
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** A raw OpenAPI call with node:http (no client): for simulator self-tests. No User-Agent unless given. */
export function rawCall(baseUrl: string, method: 'GET' | 'POST', path: string, options: { body?: unknown; userAgent?: string | null } = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const ua = options.userAgent === undefined ? 'OpenAPI' : options.userAgent;
    const req = request(`${baseUrl}/openapi/v1.0/${path}`, { method, headers: { ...(ua ? { 'User-Agent': ua } : {}), 'Content-Type': 'application/json' }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Logs in with raw calls and returns the access token. */
export async function rawToken(sim: PbxSim): Promise<string> {
  const { json } = await rawCall(sim.url, 'POST', 'get_token', { body: { username: sim.knobs.clientId, password: sim.knobs.clientSecret } });
  if (typeof json.access_token !== 'string') throw new Error(`login failed: ${JSON.stringify(json)}`);
  return json.access_token;
}

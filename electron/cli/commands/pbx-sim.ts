import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type * as SimModule from '../../../test/pbx-sim/index';
import { type CliCommand, intOption, untilStopped } from '../command';

const USAGE =
  'pbx-sim [--port N] [--host ADDR] [--edition cloud|appliance] [--seed FILE] [--https [--cert-out FILE]] [--client-id ID --client-secret S] [--latency MS] [--max-batch N] [--batch-mode all-or-nothing|partial]';

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/**
 * `onsite pbx-sim`: a simulated Yeastar P-Series PBX (OpenAPI over HTTP or HTTPS) for tests and demos.
 * It lives under test/pbx-sim and is loaded only when this command runs: it is not part of the app.
 */
export const pbxSimCommand: CliCommand = {
  name: 'pbx-sim',
  usage: USAGE,
  summary: 'Run a TEST/DEMO PBX (simulated Yeastar OpenAPI) until Ctrl+C.',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        edition: { type: 'string' },
        seed: { type: 'string' },
        https: { type: 'boolean', default: false },
        'cert-out': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        latency: { type: 'string' },
        'max-batch': { type: 'string' },
        'batch-mode': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.help) {
      io.err(`Usage: onsite ${USAGE}\n\nA simulated Yeastar P-Series PBX for tests and demos: it is NOT a real PBX and keeps nothing after it stops.\nPrints one JSON line (url, clientId, clientSecret, edition, fingerprint256 for --https) and runs until Ctrl+C.`);
      return 0;
    }
    if ((values['client-id'] === undefined) !== (values['client-secret'] === undefined)) {
      throw new Error('give both --client-id and --client-secret, or neither (then random ones are made)');
    }
    // Loaded only now (the type import above is erased): the simulator is test code, not part of the app.
    let sim: typeof SimModule;
    try {
      sim = await import('../../../test/pbx-sim/index');
    } catch (error) {
      throw new Error(`the PBX simulator is a test/demo tool that lives in the source checkout (test/pbx-sim) and could not be loaded: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const credentials = values['client-id'] && values['client-secret']
      ? { clientId: values['client-id'], clientSecret: values['client-secret'] }
      : sim.randomCredentials();
    const port = intOption('port', values.port, 0, 65535) ?? 0;
    const latencyMs = intOption('latency', values.latency, 0, 600_000);
    const maxBatch = intOption('max-batch', values['max-batch'], 1, 100_000);
    const edition = oneOf('edition', values.edition, ['cloud', 'appliance'] as const);
    const batchMode = oneOf('batch-mode', values['batch-mode'], ['all-or-nothing', 'partial'] as const);
    if (values['cert-out'] && !values.https) throw new Error('--cert-out needs --https');
    const seed = values.seed ? sim.loadSeedFile(values.seed) : undefined;

    const running = await sim.startPbxSim({
      port,
      host: values.host,
      https: values.https,
      ...credentials,
      ...(seed ? { seed } : {}),
      ...(edition ? { edition } : {}),
      ...(latencyMs !== undefined ? { latencyMs } : {}),
      ...(maxBatch !== undefined ? { maxBatch } : {}),
      ...(batchMode ? { batchMode } : {}),
    });
    const fingerprint256 = running.fingerprint256();
    const certPem = running.certificatePem();
    if (values['cert-out'] && certPem) {
      try {
        writeFileSync(values['cert-out'], certPem);
      } catch (error) {
        await running.close();
        throw error;
      }
    }
    io.out(JSON.stringify({ url: running.url, ...credentials, edition: running.knobs.edition, ...(fingerprint256 ? { fingerprint256 } : {}) }));
    io.err(
      `TEST/DEMO PBX (simulated Yeastar P-Series OpenAPI) listening on ${running.url}\n` +
        `  Client ID ${credentials.clientId}\n  Client Secret ${credentials.clientSecret}\n` +
        (fingerprint256 ? `  Self-signed certificate, SHA-256 ${fingerprint256}\n` : '') +
        `  ${running.state.extensions().length} extensions, ${running.state.phones().length} phones. Press Ctrl+C to stop.`,
    );
    await untilStopped();
    await running.close();
    return 0;
  },
};

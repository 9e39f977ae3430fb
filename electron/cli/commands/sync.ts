import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeFingerprint } from '../../../shared/domain/fingerprint';
import { parsePbxBaseUrl } from '../../../shared/domain/pbx-url';
import { createCore } from '../../core/core';
import { createLogger } from '../../core/log';
import { defaultDataDir } from '../../core/paths';
import { PbxClient, createPbxPort } from '../../core/pbx';
import { HEADLESS_PROFILE, runHeadlessSync } from '../../core/queue/headless';
import { singlePbx } from '../../core/queue/service';
import type { CliCommand } from '../command';

const USAGE = 'sync --base-url URL --client-id ID --secret-env VAR --csv FILE [--chunk-size N] [--state-dir DIR] [--insecure-pin SHA256] [--max-wait SECONDS]';

const HELP = `Usage: onsite ${USAGE}

Imports a CSV file into a project, queues every valid row and sends them to the PBX with the app's sync
engine (pre-flight, chunks, read-back after anything unclear, waiting and retrying while the PBX is
unreachable). Prints one JSON summary and exits 0 when every row is on the PBX, 1 when some row is not,
2 when it could not start (bad arguments, unreadable file, data folder in use).

  --base-url URL        the PBX, e.g. https://192.0.2.10:8088
  --client-id ID        the API Client ID (PBX web portal, Integrations > API)
  --secret-env VAR      name of the environment variable holding the Client Secret (never put it on the command line)
  --csv FILE            columns mac,extension,vendor,model,template,method,auth,location,name, or the PBX's
                        phone-import columns (Vendor, Model, MAC Address, Template, Provisioning Method, ...)
  --chunk-size N        phones per request, 1 to 100 (default 50)
  --state-dir DIR       the data folder (default: the app's). The same file, PBX and folder resume the same
                        project, so a run that was killed can simply be run again.
  --insecure-pin SHA256 trust the PBX's self-signed certificate with this SHA-256 fingerprint (it is still
                        verified: any other certificate is refused)
  --max-wait SECONDS    stop waiting for an unreachable PBX after this long (default 900); the queue keeps everything`;

function positiveInt(name: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/**
 * `onsite sync`: the queue and sync engine without a window (see {@link runHeadlessSync}). A shell: it reads
 * arguments, the secret from the environment and the file, and prints the core's summary.
 */
export const syncCommand: CliCommand = {
  name: 'sync',
  usage: USAGE,
  summary: 'Import a CSV, queue it and sync it to the PBX; prints a JSON summary.',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        'base-url': { type: 'string' },
        'client-id': { type: 'string' },
        'secret-env': { type: 'string' },
        csv: { type: 'string' },
        'chunk-size': { type: 'string' },
        'state-dir': { type: 'string' },
        'insecure-pin': { type: 'string' },
        'max-wait': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.help) {
      io.err(HELP);
      return 0;
    }
    const missing = (['base-url', 'client-id', 'secret-env', 'csv'] as const).filter((k) => !values[k]);
    if (missing.length > 0) throw new Error(`missing ${missing.map((m) => `--${m}`).join(', ')}. Run onsite sync --help.`);
    const address = parsePbxBaseUrl(values['base-url']!);
    if (!address.ok) throw new Error(`--base-url: ${address.message}`);
    const secretVar = values['secret-env']!;
    const secret = process.env[secretVar];
    if (!secret) throw new Error(`the environment variable ${secretVar} (named by --secret-env) is not set or empty: put the Client Secret in it`);
    const pin = values['insecure-pin'] === undefined ? null : normalizeFingerprint(values['insecure-pin']);
    if (pin === null && values['insecure-pin'] !== undefined) throw new Error('--insecure-pin must be a SHA-256 fingerprint: 64 hex digits, with or without colons');
    const chunkSize = positiveInt('chunk-size', values['chunk-size'], 1, 100, 50);
    const maxWaitMs = positiveInt('max-wait', values['max-wait'], 1, 7 * 24 * 3600, 900) * 1000;
    const csvPath = resolve(values.csv!);
    let csvText: string;
    try {
      csvText = readFileSync(csvPath, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${csvPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }

    const dataDir = values['state-dir'] ? resolve(values['state-dir']) : defaultDataDir();
    const log = createLogger({ dir: `${dataDir}/logs` });
    const clientId = values['client-id']!;
    const client = new PbxClient({
      baseUrl: address.address.baseUrl,
      credentials: () => Promise.resolve({ clientId, secret }),
      pin: pin === null ? null : { fingerprint256: pin },
      log: log.scope('pbx'),
    });
    const port = createPbxPort(client);
    const core = createCore({
      dataDir,
      shell: 'web',
      log,
      pbxDirectory: singlePbx(HEADLESS_PROFILE, port, { name: address.address.host, url: address.address.baseUrl }),
      queueTuning: { pollForMs: 0, sync: { chunkSize } },
    });
    // Ctrl+C: stop between requests (open records stay on disk and the next run reads the PBX back first), then exit 130.
    const interrupt = (): void => {
      io.err('Interrupted: stopping between requests. Run the same command again to resume.');
      void core
        .close()
        .then(() => client.close())
        .finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      core.store.ensureOpen();
      const summary = await runHeadlessSync(core, { csvPath, csvText, baseUrl: address.address.baseUrl, maxWaitMs, say: (line) => io.err(line) }, () => client.requestCount());
      io.out(JSON.stringify(summary));
      return summary.outcome === 'finished' && summary.counts['on-pbx'] === summary.rows && summary.refusedLines === 0 ? 0 : 1;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      await core.close();
      await client.close();
    }
  },
};

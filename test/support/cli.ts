import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ONSITE = fileURLToPath(new URL('../../electron/cli/onsite.js', import.meta.url));

/** How to start the `onsite` CLI in a test. */
export interface CliOptions {
  /** Drop root's file-permission override (CAP_DAC_OVERRIDE), so file modes apply as for a normal user. */
  readonly dropFileOverride?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts `onsite <args>` as a child process (the real CLI entry, through tsx). */
export function startCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  const command = [process.execPath, ONSITE, ...args];
  const argv = options.dropFileOverride ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search', ...command] : command;
  return spawn(argv[0]!, argv.slice(1), { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `onsite <args>` to completion and collects its output. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

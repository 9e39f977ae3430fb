import { createCore } from '../../core/core';
import { createLogger } from '../../core/log';
import { defaultDataDir } from '../../core/paths';
import type { CliCommand } from '../command';

const USAGE = 'classify <text>';

/**
 * `onsite classify <text>`: says whether a scanned code is a phone MAC, through the same core the app uses.
 * Prints one JSON object `{kind, mac?, vendor?, reason?}` and exits 0 whatever the verdict; exits 2 without text.
 */
export const classifyCommand: CliCommand = {
  name: 'classify',
  usage: USAGE,
  summary: 'Is this scanned code a phone MAC? Prints {kind, mac?, vendor?, reason?}.',
  async run(args, io) {
    const words = args[0] === '--' ? args.slice(1) : args;
    if (words.length === 0 || (args[0] !== '--' && (words[0] === '--help' || words[0] === '-h'))) {
      io.err(`Usage: onsite ${USAGE}\n\nClassifies a scanned or typed code (quote it if it has spaces), e.g.\n  onsite classify 805EC0123456\n  onsite classify "MAC: 80:5E:C0:12:34:56"`);
      return words.length === 0 ? 2 : 0;
    }
    // Nothing here needs the disk: the data directory is only reported by app:info, and the logger writes
    // warnings to stderr instead of a log file, so classifying never creates files.
    const core = createCore({ dataDir: defaultDataDir(), shell: 'web', log: createLogger({ stderr: true, minLevel: 'warn' }) });
    try {
      const result = await core.dispatch('barcode:classify', { text: words.join(' ') });
      if (!result.ok) {
        io.err(`onsite classify: ${result.error.message}`);
        return 2;
      }
      const verdict = result.data as { kind: string; mac?: string; vendor?: string; reason?: string };
      io.out(JSON.stringify({ kind: verdict.kind, mac: verdict.mac, vendor: verdict.vendor, reason: verdict.reason }));
      return 0;
    } finally {
      await core.close();
    }
  },
};

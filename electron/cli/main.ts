import { classifyCommand } from './commands/classify';
import { demoCommand } from './commands/demo';
import { discoverCommand } from './commands/discover';
import { pbxSimCommand } from './commands/pbx-sim';
import { scannerCommand } from './commands/scanner';
import { syncCommand } from './commands/sync';
import { webCommand } from './commands/web';
import type { CliCommand, CliIo } from './command';

/** Every subcommand of `onsite`, by name. */
const COMMANDS: readonly CliCommand[] = [webCommand, classifyCommand, pbxSimCommand, discoverCommand, syncCommand, scannerCommand, demoCommand];

function usage(): string {
  const lines = COMMANDS.map((c) => `  onsite ${c.usage.padEnd(58)} ${c.summary}`);
  return ['Usage:', ...lines, '', 'Each command prints JSON on stdout; messages for people go to stderr.'].join('\n');
}

/** Runs the CLI with the given arguments and returns the process exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.err(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`onsite: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`onsite ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

function defaultIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}

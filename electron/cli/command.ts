/** Where a command writes: JSON results to `out`, messages for people to `err`. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** One `onsite` subcommand. */
export interface CliCommand {
  readonly name: string;
  /** Argument synopsis shown in the help, after `onsite`. */
  readonly usage: string;
  readonly summary: string;
  /** Runs the command; resolves to the exit code. Throwing an Error prints it and exits 2. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

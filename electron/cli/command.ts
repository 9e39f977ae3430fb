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

/** Resolves when the process is asked to stop (Ctrl+C, SIGTERM): long-running commands await it, then clean up. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Reads a whole-number option within [min, max] (undefined when not given); anything else throws with what is allowed. */
export function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

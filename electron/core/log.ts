import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactText, redactValue } from '../../shared/domain/redact';

/** Severity of a log entry. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The core's logger: every entry passes the redaction layer before it is written anywhere. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  /** Registers a literal secret (Client Secret, token) so it is masked wherever it appears. */
  addSecret(secret: string): void;
  /** A logger that prefixes entries with a scope, sharing sinks and secrets. */
  scope(name: string): Logger;
}

/** Takes each finished (already redacted) log line: how a shell sends the log elsewhere, e.g. Electron's rotating file. */
export type LogSink = (level: LogLevel, line: string) => void;

/** Where log lines go: a file in the data directory, a sink, and stderr when asked for. */
export interface LogOptions {
  readonly dir?: string;
  readonly sink?: LogSink;
  readonly stderr?: boolean;
  readonly minLevel?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function serialiseError(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/**
 * Creates the root logger. Lines are JSON, one per entry, in `<dir>/onsite.log` (file mode 0600) and/or handed
 * to `sink`. Redaction happens here, before any line leaves the logger, whatever the destination.
 */
export function createLogger(options: LogOptions = {}): Logger {
  const secrets = new Set<string>();
  const file = options.dir ? join(options.dir, 'onsite.log') : undefined;
  if (options.dir) mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const minLevel = ORDER[options.minLevel ?? 'info'];

  const write = (level: LogLevel, scope: string, message: string, data?: Record<string, unknown>): void => {
    if (ORDER[level] < minLevel) return;
    const cleanData = data ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, serialiseError(v)])) : undefined;
    const entry = { at: new Date().toISOString(), level, scope, message, ...(cleanData ? { data: redactValue(cleanData, secrets) } : {}) };
    const line = redactText(JSON.stringify(entry), secrets);
    if (file) appendFileSync(file, `${line}\n`, { mode: 0o600 });
    options.sink?.(level, line);
    if (options.stderr) process.stderr.write(`${line}\n`);
  };

  const make = (scope: string): Logger => ({
    debug: (m, d) => write('debug', scope, m, d),
    info: (m, d) => write('info', scope, m, d),
    warn: (m, d) => write('warn', scope, m, d),
    error: (m, d) => write('error', scope, m, d),
    addSecret: (s) => {
      if (s) secrets.add(s);
    },
    scope: (name) => make(scope ? `${scope}.${name}` : name),
  });
  return make('');
}

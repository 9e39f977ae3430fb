/**
 * The Electron shell's log file: the core logger (electron/core/log.ts, which redacts secrets) hands each
 * finished line to electron-log's file transport, which rotates `<data folder>/logs/onsite.log` to
 * `onsite.old.log` when it passes {@link LOG_MAX_BYTES}. electron-log does no formatting or redaction of its
 * own here ('{text}' only): redaction stays in one place. No Electron import, so the wiring is tested in Node
 * with electron-log's Node build, whose file transport is the same.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeLogger } from 'electron-log';
import type { LogSink } from '../core/log';

/** Size at which the log file is rotated (one previous file is kept, so at most about twice this on disk). */
const LOG_MAX_BYTES = 5 * 1024 * 1024;

/** Points an electron-log instance at `<dir>/onsite.log` (mode 0600, rotating) and returns it as the core's sink. */
export function electronLogSink(logger: NodeLogger, dir: string, options: { maxBytes?: number; console?: boolean } = {}): LogSink {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { file, console } = logger.transports;
  file.resolvePathFn = () => join(dir, 'onsite.log');
  file.maxSize = options.maxBytes ?? LOG_MAX_BYTES;
  file.format = '{text}';
  file.level = 'silly';
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  console.level = options.console ? 'silly' : false;
  // Nothing else: no IPC echo into the renderer's DevTools, no remote transport.
  for (const name of Object.keys(logger.transports)) {
    const transport = logger.transports[name];
    if (name !== 'file' && name !== 'console' && transport) transport.level = false;
  }
  return (level, line) => logger[level](line);
}

import Conf from 'conf';
import { basename, dirname } from 'node:path';
import { FILE_MODE } from './files';

/** Writes whole JSON documents to one file, atomically, with mode 0600. */
export interface AtomicJsonFile {
  write(value: Record<string, unknown>): void;
}

/**
 * One store file written through conf (the engine under electron-store): conf serialises, writes to
 * a temp file, fsyncs it and renames it over the old file (via `atomically`), so a crash leaves the
 * old or the new version, never a mix. Reading is ours, not conf's: conf re-reads and re-parses the
 * whole file on every access (about 10 ms for a 2 MB project), validates with JSON Schema rather than
 * our zod schemas, and on a damaged file either throws or, with `clearInvalidConfig`, wipes it. So the
 * deserializer below never parses: the store keeps the validated value in memory and conf only writes.
 */
export function confFile(path: string, pretty: boolean): AtomicJsonFile {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dirname(path),
    configName: basename(path).replace(/\.json$/, ''),
    fileExtension: 'json',
    configFileMode: FILE_MODE,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
    serialize: (value) => (pretty ? JSON.stringify(value, undefined, 2) : JSON.stringify(value)),
    // conf reads the file back before each write (to keep its own bookkeeping key); skip the parse.
    deserialize: () => ({}),
  });
  if (conf.path !== path) throw new Error(`conf resolved ${conf.path}, expected ${path}`);
  return {
    write(value) {
      conf.store = value;
    },
  };
}

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { serialTerminatorSchema } from '../../../shared/contract/scanner';
import { DEFAULT_WEDGE_SETTINGS, wedgeSettingsSchema } from '../../../shared/scanner/wedge-settings';
import type { Logger } from '../log';

/** A serial scanner the technician chose on this machine, reopened at every start. */
export const savedPortSchema = z.object({ path: z.string().min(1), baudRate: z.number().int(), terminator: serialTerminatorSchema });

/** Scanner choices for this machine: the serial ports to reopen, and the wedge thresholds. */
export const scannerPrefsSchema = z.object({
  ports: z.array(savedPortSchema).default([]),
  wedge: wedgeSettingsSchema.default(DEFAULT_WEDGE_SETTINGS),
});

/** Scanner choices for this machine. */
export type ScannerPrefs = z.infer<typeof scannerPrefsSchema>;

/**
 * Where scanner choices persist. Kept behind this small interface so the file below can give way to
 * the app's store (branch `store`) once it is merged, without touching the scanner service.
 */
export interface ScannerPrefsStore {
  load(): ScannerPrefs;
  /** Saves; throws when it cannot (the caller reports it, the running scanners keep working). */
  save(prefs: ScannerPrefs): void;
}

const DEFAULT_PREFS: ScannerPrefs = { ports: [], wedge: DEFAULT_WEDGE_SETTINGS };

/**
 * Scanner choices in `<dataDir>/scanner.json`, written to a temp file and renamed over the old one so a
 * crash leaves the old or the new file. A missing or unreadable file means defaults: losing a remembered
 * port list costs one click, so it is logged rather than shown as a problem.
 */
export function fileScannerPrefs(dataDir: string, log: Logger): ScannerPrefsStore {
  const path = join(dataDir, 'scanner.json');
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return DEFAULT_PREFS;
      }
      try {
        return scannerPrefsSchema.parse(JSON.parse(text));
      } catch (error) {
        log.warn('scanner prefs unreadable: using defaults', { path, error });
        return DEFAULT_PREFS;
      }
    },
    save(prefs) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(prefs, undefined, 2)}\n`, { mode: 0o600 });
      renameSync(temp, path);
    },
  };
}

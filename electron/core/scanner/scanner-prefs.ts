import { z } from 'zod';
import { serialTerminatorSchema } from '../../../shared/contract/scanner';
import { DEFAULT_WEDGE_SETTINGS, wedgeSettingsSchema } from '../../../shared/scanner/wedge-settings';
import type { DocumentSpec, Store, StoredDocument } from '../store';

/** A serial scanner the technician chose on this machine, reopened at every start. */
export const savedPortSchema = z.object({ path: z.string().min(1), baudRate: z.number().int(), terminator: serialTerminatorSchema });

/** Scanner choices for this machine: the serial ports to reopen, and the wedge thresholds. */
export const scannerPrefsSchema = z.object({
  ports: z.array(savedPortSchema).default([]),
  wedge: wedgeSettingsSchema.default(DEFAULT_WEDGE_SETTINGS),
});

/** Scanner choices for this machine. */
export type ScannerPrefs = z.infer<typeof scannerPrefsSchema>;

/** Where scanner choices persist (the store in the app; anything with these two calls in a test). */
export interface ScannerPrefsStore {
  load(): ScannerPrefs;
  /** Saves; throws an AppFailure (`storage`) when it cannot. */
  save(prefs: ScannerPrefs): void;
}

/** The scanner settings file, relative to the data directory. It describes this machine's scanners. */
export const SCANNER_PREFS_FILE = 'scanner.json';

/** How scanner settings are stored: version 1, every key defaulted. */
export const scannerPrefsSpec: DocumentSpec<ScannerPrefs> = {
  kind: 'scanner-prefs',
  schema: scannerPrefsSchema,
  migrations: [],
  title: 'Scanner settings',
  pretty: true,
};

/** Scanner choices in the data folder's store, opened on first use (so a core that never scans touches no file). */
export function storeScannerPrefs(store: Store): ScannerPrefsStore {
  let doc: StoredDocument<ScannerPrefs> | undefined;
  const open = (): StoredDocument<ScannerPrefs> =>
    (doc ??= store.open(SCANNER_PREFS_FILE, scannerPrefsSpec, {
      initial: () => scannerPrefsSchema.parse({}),
      whenLost: 'Serial scanners are not reopened by themselves and keyboard-scanner thresholds are back to their defaults: connect the scanners again',
    }));
  return {
    load: () => open().value,
    save: (prefs) => {
      open().write(prefs);
    },
  };
}

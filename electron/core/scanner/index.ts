import { classifyBarcode } from '../../../shared/domain/barcode';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import { createRegistrantLookup } from '../oui/registrant';
import type { Store } from '../store';
import { storeScannerPrefs } from './scanner-prefs';
import { ScannerService } from './scanner-service';

export { scannerHandlers } from './handlers';
export { ScannerService } from './scanner-service';

/** What the core passes to build the scanner service. */
export interface ScannerServiceOptions {
  readonly store: Store;
  readonly events: EventHub;
  readonly log: Logger;
}

/** Builds the scanner service for the core; `restore()` reopens the scanners remembered on this machine. */
export function createScannerService({ store, events, log }: ScannerServiceOptions): ScannerService {
  const scope = log.scope('scanner');
  const registrantFor = createRegistrantLookup(log.scope('oui'));
  return new ScannerService({
    events,
    log: scope,
    classify: (text) => classifyBarcode(text, { registrantFor }),
    prefs: storeScannerPrefs(store),
  });
}

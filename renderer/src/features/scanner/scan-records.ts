import type { BarcodeClassification } from '../../../../shared/domain/barcode';
import type { ScanOutcome } from './feedback';
import type { ScanRecord } from './ScanFeedbackViews';

let nextId = 1;

/** A fresh id for a scan record (unique within this page). */
export function scanRecordId(): string {
  return `scan-${nextId++}`;
}

/** Where a scan came from, as recorded. */
export interface ScanOrigin {
  readonly raw: string;
  readonly source: ScanRecord['source'];
  readonly port?: string;
  readonly at: string;
}

/**
 * A scan record for the scanner check: what the classifier said, and "already scanned" when the same MAC
 * was scanned before in this list (a technician checking scanners wants to see double reads too).
 */
export function checkRecord(origin: ScanOrigin, classification: BarcodeClassification | undefined, earlier: readonly ScanRecord[], failure?: string): ScanRecord {
  const base = { id: scanRecordId(), raw: origin.raw, source: origin.source, at: origin.at, ...(origin.port ? { port: origin.port } : {}) };
  if (!classification) return { ...base, outcome: 'rejected', title: 'Not checked', detail: failure ?? 'The app could not classify this scan.' };
  if (classification.kind === 'rejected') return { ...base, outcome: 'rejected', title: 'Not a MAC', detail: classification.reason };
  const mac = classification.mac;
  const before = earlier.find((r) => !r.undone && r.mac === mac);
  if (before) {
    return { ...base, mac, outcome: 'duplicate', title: mac, detail: `Scanned already at ${new Date(before.at).toLocaleTimeString()}.` };
  }
  const outcome: ScanOutcome = classification.kind === 'mac' ? 'accepted' : 'needs-confirmation';
  const detail = classification.kind === 'mac' ? classification.vendor : classification.reason;
  return { ...base, mac, outcome, title: mac, detail };
}

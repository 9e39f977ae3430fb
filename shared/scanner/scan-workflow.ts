/**
 * Scan mode's decisions, without a grid or a DOM: what one classified scan means for the open project.
 * A phone MAC is accepted (with its maker from the OUI table); a MAC of a maker we do not know as a phone
 * maker needs one confirmation (scan it again, or press "Use it"); anything that is not a MAC is refused
 * with the classifier's reason; a MAC already in the project is refused naming its row. With "scan twice to
 * confirm" (noisy labels), every MAC must be read twice in a row before it is used.
 */
import { sameMac } from '../domain/mac';
import type { BarcodeClassification } from '../domain/barcode';
import type { Row } from '../domain/project';

/** Where a scan came from, as recorded on the row it fills. */
export type ScanSource = 'scanned-wedge' | 'scanned-serial';

/** One classified scan. */
export interface ScanInput {
  readonly raw: string;
  readonly classification: BarcodeClassification;
  readonly source: ScanSource;
}

/** A MAC cleared for use: place it in the grid. */
export interface AcceptedScan {
  readonly mac: string;
  /** The phone maker from the OUI table; empty for a confirmed MAC of another maker. */
  readonly vendor: string;
  readonly source: ScanSource;
  readonly raw: string;
}

/** What one scan (or a confirmation) comes to. */
export type ScanStep =
  | { readonly outcome: 'accepted'; readonly scan: AcceptedScan }
  | { readonly outcome: 'needs-confirmation'; readonly mac: string; readonly message: string }
  | { readonly outcome: 'duplicate'; readonly mac: string; readonly rowId: string; readonly message: string }
  | { readonly outcome: 'rejected'; readonly message: string };

interface Pending {
  readonly scan: AcceptedScan;
  readonly why: 'unknown-maker' | 'twice';
}

/** How a row is named in messages ("row 7, extension 107"). */
export type RowNamer = (row: Row) => string;

/** The row that already has this MAC, if any. */
function rowWithMac(rows: readonly Row[], mac: string): Row | undefined {
  return rows.find((row) => row.mac !== '' && sameMac(row.mac, mac));
}

/** The scan-mode state machine: the one scan waiting for a confirmation. */
export class ScanWorkflow {
  private pending: Pending | undefined;

  /** The MAC waiting for a confirmation, if any. */
  get waiting(): { readonly mac: string; readonly why: Pending['why']; readonly source: ScanSource } | undefined {
    return this.pending && { mac: this.pending.scan.mac, why: this.pending.why, source: this.pending.scan.source };
  }

  /** Judges one scan against the project's rows; with `confirmTwice`, every MAC must be read twice in a row. */
  receive(input: ScanInput, rows: readonly Row[], nameRow: RowNamer, confirmTwice = false): ScanStep {
    const { classification } = input;
    const earlier = this.pending;
    this.pending = undefined;
    if (classification.kind === 'rejected') return { outcome: 'rejected', message: classification.reason };

    const mac = classification.mac;
    const duplicate = rowWithMac(rows, mac);
    if (duplicate) {
      return { outcome: 'duplicate', mac, rowId: duplicate.id, message: `${mac} is already in ${nameRow(duplicate)}: this box was scanned before.` };
    }
    const scan: AcceptedScan = { mac, vendor: classification.kind === 'mac' ? classification.vendor : '', source: input.source, raw: input.raw };
    // The same MAC again settles a pending confirmation, whatever it was waiting for.
    if (earlier && sameMac(earlier.scan.mac, mac)) return { outcome: 'accepted', scan: { ...earlier.scan, source: input.source } };

    const replaced = earlier ? ` (${earlier.scan.mac}, scanned before, was not used: it was not confirmed)` : '';
    if (classification.kind === 'mac-unknown-vendor') {
      this.pending = { scan, why: 'unknown-maker' };
      return { outcome: 'needs-confirmation', mac, message: `${classification.reason} Scan it again, or press “Use it”, to use it.${replaced}` };
    }
    if (confirmTwice) {
      this.pending = { scan, why: 'twice' };
      return { outcome: 'needs-confirmation', mac, message: `${mac} (${scan.vendor}): scan the same barcode again to confirm.${replaced}` };
    }
    return { outcome: 'accepted', scan };
  }

  /** "Use it": accepts the MAC waiting for confirmation (checked again for duplicates). */
  confirm(rows: readonly Row[], nameRow: RowNamer): ScanStep | undefined {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return undefined;
    const duplicate = rowWithMac(rows, pending.scan.mac);
    if (duplicate) return { outcome: 'duplicate', mac: pending.scan.mac, rowId: duplicate.id, message: `${pending.scan.mac} is already in ${nameRow(duplicate)}.` };
    return { outcome: 'accepted', scan: pending.scan };
  }

  /** Drops the MAC waiting for confirmation. */
  cancel(): void {
    this.pending = undefined;
  }
}

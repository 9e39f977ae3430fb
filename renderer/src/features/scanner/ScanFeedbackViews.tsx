import { memo, useEffect, useState } from 'react';
import type { ScanOutcome } from './feedback';
import './scanner.css';

/** One scan as the technician sees it afterwards. */
export interface ScanRecord {
  readonly id: string;
  readonly raw: string;
  readonly source: 'scanned-wedge' | 'scanned-serial';
  /** The serial port, for serial scans. */
  readonly port?: string;
  readonly outcome: ScanOutcome;
  /** The MAC read, canonical, when it was one. */
  readonly mac?: string;
  /** Big line: the MAC and maker, or what went wrong in a few words. */
  readonly title: string;
  /** The reason or what to do, in words. */
  readonly detail: string;
  readonly at: string;
  /** Set when the scan was taken back with "Undo last scan". */
  readonly undone?: boolean;
}

const SYMBOL: Record<ScanOutcome, string> = { accepted: '✓', duplicate: '⟳', 'needs-confirmation': '?', rejected: '✗' };
const LABEL: Record<ScanOutcome, string> = { accepted: 'Accepted', duplicate: 'Already scanned', 'needs-confirmation': 'Confirm', rejected: 'Refused' };
/** How long the big flash stays up. */
const FLASH_MS = 2_500;

/** The big banner for the latest scan, readable from a metre away; fades after a moment. */
export function ScanFlash({ scan }: { scan: ScanRecord | undefined }) {
  const [expiredId, setExpiredId] = useState<string | undefined>();
  useEffect(() => {
    if (!scan) return;
    const timer = setTimeout(() => setExpiredId(scan.id), FLASH_MS);
    return () => clearTimeout(timer);
  }, [scan]);
  if (!scan || expiredId === scan.id) return null;
  return (
    <div className={`scan-flash scan-flash-${scan.outcome}`} role="status" aria-live="assertive" data-testid="scan-flash" data-outcome={scan.outcome}>
      <span className="scan-flash-symbol" aria-hidden="true">
        {SYMBOL[scan.outcome]}
      </span>
      <div>
        <div className="scan-flash-title">{scan.title}</div>
        <div className="scan-flash-detail">{scan.detail}</div>
      </div>
    </div>
  );
}

/** One scan in the list; memoised, so a new scan renders one row, not fifty. */
const ScanRow = memo(function ScanRow({ scan }: { scan: ScanRecord }) {
  return (
    <li className={scan.undone ? 'last-scan last-scan-undone' : 'last-scan'} data-outcome={scan.outcome} data-raw={scan.raw}>
      <span className={`chip chip-${scan.outcome === 'accepted' ? 'ok' : scan.outcome === 'rejected' ? 'bad' : 'warn'}`}>
        {SYMBOL[scan.outcome]} {LABEL[scan.outcome]}
      </span>
      <span className="last-scan-text">
        <strong>{scan.title}</strong>
        <span className="muted">{scan.detail}</span>
      </span>
      <span className="last-scan-meta muted">
        <code>{scan.raw}</code> · {scan.source === 'scanned-serial' ? `serial ${scan.port ?? ''}` : 'USB keyboard'} · {new Date(scan.at).toLocaleTimeString()}
        {scan.undone ? ' · undone' : ''}
      </span>
    </li>
  );
});

/** Recent scans with their outcome, newest first, and the hook point for "Undo last scan"; `compact`: one line each (above the grid). */
export function LastScansPanel({ scans, onUndo, undoLabel = 'Undo last scan', compact = false }: { scans: readonly ScanRecord[]; onUndo?: () => void; undoLabel?: string; compact?: boolean }) {
  const canUndo = onUndo !== undefined && scans.some((s) => !s.undone);
  return (
    <section className={compact ? 'panel last-scans last-scans-compact' : 'panel last-scans'} aria-label="Last scans">
      <div className="last-scans-head">
        <h3>Last scans</h3>
        {onUndo && (
          <button type="button" className="button-quiet" onClick={onUndo} disabled={!canUndo} data-testid="undo-last-scan">
            {undoLabel}
          </button>
        )}
      </div>
      {scans.length === 0 ? (
        <p className="muted">No scans yet. Scan a barcode: it shows here with what the app made of it.</p>
      ) : (
        <ol className="last-scans-list" data-testid="last-scans">
          {scans.map((scan) => (
            <ScanRow key={scan.id} scan={scan} />
          ))}
        </ol>
      )}
    </section>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { BarcodeClassification } from '../../../../shared/domain/barcode';
import type { WedgeCalibration } from '../../../../shared/scanner/wedge-settings';
import { useCoreEvents } from '../../app/bridge-context';
import { isFeedbackMuted, playFeedback, prepareSound, setFeedbackMuted, soundBlocked, unlockSound } from './feedback';
import { LastScansPanel, ScanFlash, type ScanRecord } from './ScanFeedbackViews';
import { type ScanOrigin, checkRecord } from './scan-records';
import { SerialScannersPanel } from './SerialScannersPanel';
import { useWedgeScanner } from './useWedgeScanner';
import { WedgePanel } from './WedgePanel';

/** How many scans the check screen keeps on show. */
const KEEP = 50;

/**
 * "Scanners": where a technician checks a scanner on site. Every scan, from a USB keyboard-mode scanner or
 * a serial one, is classified, sounded, flashed and listed with its outcome.
 */
export function ScannersScreen() {
  const [scans, setScans] = useState<ScanRecord[]>([]);
  const scansRef = useRef<ScanRecord[]>([]);
  const [calibration, setCalibration] = useState<WedgeCalibration | undefined>();
  const [muted, setMuted] = useState(isFeedbackMuted());
  const [needsClick, setNeedsClick] = useState(false);

  const add = useCallback((origin: ScanOrigin, classification: BarcodeClassification | undefined, failure?: string) => {
    const record = checkRecord(origin, classification, scansRef.current, failure);
    scansRef.current = [record, ...scansRef.current].slice(0, KEEP);
    setScans(scansRef.current);
    playFeedback(record.outcome);
    setNeedsClick(soundBlocked());
  }, []);

  const wedge = useWedgeScanner({
    enabled: true,
    onScan: (scan) => add({ raw: scan.raw, source: 'scanned-wedge', at: scan.at }, scan.classification, scan.error?.message),
    onCalibrated: setCalibration,
  });

  useCoreEvents((event) => {
    if (event.event !== 'scanner:scan') return;
    const { raw, port, at, classification } = event.payload;
    add({ raw, source: 'scanned-serial', port, at }, classification);
  });

  // Browsers hold sound back until the page is clicked or typed in; any such action unlocks it.
  useEffect(() => {
    prepareSound();
    const unlock = (): void => {
      unlockSound();
      setNeedsClick(false);
    };
    window.addEventListener('pointerdown', unlock, { capture: true });
    window.addEventListener('keydown', unlock, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', unlock, { capture: true });
      window.removeEventListener('keydown', unlock, { capture: true });
    };
  }, []);

  const undo = useCallback(() => {
    const last = scansRef.current.findIndex((s) => !s.undone);
    if (last < 0) return;
    scansRef.current = scansRef.current.map((s, i) => (i === last ? { ...s, undone: true } : s));
    setScans(scansRef.current);
  }, []);

  const toggleMute = (): void => {
    setFeedbackMuted(!muted);
    setMuted(!muted);
  };

  return (
    <div className="scanners">
      <ScanFlash scan={scans[0]} />
      <section className="panel">
        <h2>Scanner check</h2>
        <p>
          Scan the MAC barcode of a phone box: you hear one high beep and see the MAC in green. A serial-number or other barcode is refused with a low
          buzz and the reason. Nothing here changes a project.
        </p>
        <div className="form-row">
          <button type="button" className="button-quiet" onClick={toggleMute} aria-pressed={muted}>
            {muted ? 'Sounds off' : 'Sounds on'}
          </button>
          {needsClick && !muted && <span className="chip chip-warn">Click anywhere in the window to allow sounds</span>}
        </div>
      </section>
      <LastScansPanel scans={scans} onUndo={undo} undoLabel="Strike out last scan" />
      <WedgePanel wedge={wedge} calibration={calibration} />
      <SerialScannersPanel />
    </div>
  );
}

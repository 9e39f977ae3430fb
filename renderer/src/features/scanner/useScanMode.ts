import { useCallback, useEffect, useRef, useState } from 'react';
import type { Row } from '../../../../shared/domain/project';
import type { EditReport } from '../../../../shared/grid/commands';
import type { GridEditor } from '../../../../shared/grid/editor';
import { type PlacedScan, type Placement, type ScanMode, placeScan, undoScan } from '../../../../shared/scanner/scan-commands';
import { type ScanInput, type ScanStep, ScanWorkflow } from '../../../../shared/scanner/scan-workflow';
import { useCoreEvents } from '../../app/bridge-context';
import { playFeedback, prepareSound, unlockSound } from './feedback';
import type { ScanRecord } from './ScanFeedbackViews';
import { scanRecordId } from './scan-records';
import { useWedgeScanner } from './useWedgeScanner';

/** Scan mode's settings. */
export interface ScanModeSettings {
  readonly on: boolean;
  readonly mode: ScanMode;
  readonly confirmTwice: boolean;
}

/** What the scan bar shows and can do. */
export interface ScanModeState {
  /** Newest first. */
  readonly scans: readonly ScanRecord[];
  /** Scans handled since the screen opened (the list keeps only the latest). */
  readonly handled: number;
  /** The MAC waiting for a confirmation, with what to do. */
  readonly waiting: { readonly mac: string; readonly message: string } | undefined;
  readonly canUndo: boolean;
  readonly confirm: () => void;
  readonly refuse: () => void;
  readonly undoLast: () => void;
}

const KEEP = 30;

/** Runs a placement through the grid as one undo step. */
function applyPlacement(editor: GridEditor, build: (ctx: Parameters<Parameters<GridEditor['apply']>[0]>[0]) => Placement): { placement: Placement; report: EditReport } {
  let placement: Placement = { ok: false, reason: '' };
  const report = editor.apply((ctx) => {
    placement = build(ctx);
    return placement.ok ? placement.command : { label: 'scan', ops: [], report: { changed: 0, message: placement.reason, rejected: [] } };
  });
  return { placement, report };
}

/**
 * Scan mode on the Site screen: every scan (USB keyboard-mode or serial) is judged by the shared workflow,
 * placed in the grid (fill or append, one undo step each, the source recorded on the row), sounded, flashed
 * and listed; "Undo last scan" takes placed scans back one by one.
 */
export function useScanMode(editor: GridEditor, settings: ScanModeSettings, onReport: (report: EditReport) => void): ScanModeState {
  const [flow] = useState(() => new ScanWorkflow());
  const [scans, setScans] = useState<ScanRecord[]>([]);
  const [handled, setHandled] = useState(0);
  const [waiting, setWaiting] = useState<ScanModeState['waiting']>();
  const placed = useRef<{ placed: PlacedScan; recordId: string }[]>([]);
  const [canUndo, setCanUndo] = useState(false);
  const latest = useRef({ settings, onReport });
  useEffect(() => {
    latest.current = { settings, onReport };
  });

  const nameRow = useCallback((row: Row) => `row ${editor.positionOf(row.id) + 1}${row.extension ? ` (extension ${row.extension})` : ''}`, [editor]);

  const record = useCallback((input: Pick<ScanInput, 'raw' | 'source'> & { port?: string }, fields: Pick<ScanRecord, 'outcome' | 'title' | 'detail'> & { mac?: string }): string => {
    const entry: ScanRecord = { id: scanRecordId(), raw: input.raw, source: input.source, at: new Date().toISOString(), ...(input.port ? { port: input.port } : {}), ...fields };
    setScans((list) => [entry, ...list].slice(0, KEEP));
    setHandled((n) => n + 1);
    playFeedback(entry.outcome);
    return entry.id;
  }, []);

  const settle = useCallback(
    (step: ScanStep, input: Pick<ScanInput, 'raw' | 'source'> & { port?: string }): void => {
      setWaiting(step.outcome === 'needs-confirmation' ? { mac: step.mac, message: step.message } : undefined);
      if (step.outcome === 'rejected') return void record(input, { outcome: 'rejected', title: 'Not a MAC', detail: step.message });
      if (step.outcome === 'duplicate') return void record(input, { outcome: 'duplicate', mac: step.mac, title: `${step.mac}: already in the project`, detail: step.message });
      if (step.outcome === 'needs-confirmation') return void record(input, { outcome: 'needs-confirmation', mac: step.mac, title: step.mac, detail: step.message });
      const { placement, report } = applyPlacement(editor, (ctx) => placeScan(ctx, latest.current.settings.mode, step.scan));
      latest.current.onReport(report);
      if (!placement.ok) return void record(input, { outcome: 'rejected', mac: step.scan.mac, title: `${step.scan.mac}: not used`, detail: placement.reason });
      const id = record({ ...input, raw: step.scan.raw, source: step.scan.source }, { outcome: 'accepted', mac: step.scan.mac, title: step.scan.mac, detail: `${step.scan.vendor || 'maker confirmed'} → ${placement.note}` });
      placed.current.push({ placed: placement.placed, recordId: id });
      setCanUndo(true);
    },
    [editor, record],
  );

  const receive = useCallback(
    (input: ScanInput & { port?: string }) => settle(flow.receive(input, editor.getRows(), nameRow, latest.current.settings.confirmTwice), input),
    [editor, flow, nameRow, settle],
  );

  useWedgeScanner({
    enabled: settings.on,
    onScan: (scan) => {
      if (scan.classification) receive({ raw: scan.raw, classification: scan.classification, source: 'scanned-wedge' });
      else record({ raw: scan.raw, source: 'scanned-wedge' }, { outcome: 'rejected', title: 'Not checked', detail: scan.error?.message ?? 'The scan could not be classified.' });
    },
  });
  useCoreEvents((event) => {
    if (event.event !== 'scanner:scan' || !latest.current.settings.on) return;
    const { raw, port, classification } = event.payload;
    receive({ raw, classification, source: 'scanned-serial', port });
  });

  useEffect(() => {
    if (!settings.on) return;
    prepareSound();
    unlockSound();
  }, [settings.on]);

  const confirm = useCallback(() => {
    const waitingFor = flow.waiting;
    const step = flow.confirm(editor.getRows(), nameRow);
    if (step && waitingFor) settle(step, { raw: waitingFor.mac, source: waitingFor.source });
  }, [editor, flow, nameRow, settle]);

  const refuse = useCallback(() => {
    flow.cancel();
    setWaiting(undefined);
  }, [flow]);

  const undoLast = useCallback(() => {
    const last = placed.current.pop();
    setCanUndo(placed.current.length > 0);
    if (!last) return;
    const { placement, report } = applyPlacement(editor, (ctx) => undoScan(ctx, last.placed));
    latest.current.onReport(placement.ok ? report : { ...report, message: placement.reason });
    if (placement.ok) setScans((list) => list.map((s) => (s.id === last.recordId ? { ...s, undone: true } : s)));
  }, [editor]);

  return { scans, handled, waiting, canUndo, confirm, refuse, undoLast };
}

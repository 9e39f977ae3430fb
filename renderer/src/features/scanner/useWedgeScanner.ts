import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError, Result } from '../../../../shared/contract';
import { type BarcodeClassification, classifyBarcode } from '../../../../shared/domain/barcode';
import { type WedgeEffect, WedgeDetector } from '../../../../shared/scanner/wedge-detector';
import { DEFAULT_WEDGE_SETTINGS, type WedgeCalibration, type WedgeSettings } from '../../../../shared/scanner/wedge-settings';
import { useBridge } from '../../app/bridge-context';
import type { Bridge } from '../../bridge';
import { type FieldSnapshot, canHoldFirstKey, insertText, isReplay, isTextEditable, replayKeydown, retractLeaked, snapshotField } from './dom-editing';

/** A scan from a keyboard-wedge scanner, classified by the core. */
export interface WedgeScanResult {
  readonly source: 'scanned-wedge';
  readonly raw: string;
  /** Undefined when the core could not be asked (link down): `error` says why. */
  readonly classification: BarcodeClassification | undefined;
  readonly error?: AppError;
  /** `performance.now()` time of the scan's last keystroke (for latency figures). */
  readonly lastKeyAt: number;
  readonly at: string;
  /** Where the focus was when the scan began (a grid uses it to know which cell was active). */
  readonly target: EventTarget | null;
}

/** Options of {@link useWedgeScanner}. */
export interface WedgeScannerOptions {
  /** Listen only while true (e.g. while a screen that takes scans is shown). */
  readonly enabled: boolean;
  readonly onScan: (scan: WedgeScanResult) => void;
  readonly onCalibrated?: (result: WedgeCalibration) => void;
}

/** What the hook gives its screen. */
export interface WedgeScanner {
  readonly settings: WedgeSettings;
  readonly calibrating: boolean;
  /** Starts "calibrate: scan any barcode": the next burst sets the thresholds (and is saved for this machine). */
  readonly calibrate: () => void;
  readonly cancelCalibration: () => void;
  /** Applies and saves thresholds; resolves to the error when they could not be saved. */
  readonly saveSettings: (settings: WedgeSettings) => Promise<AppError | undefined>;
}

/**
 * Classifies a scan with the shared classifier right here, and asks the core (`barcode:classify`) only when
 * the answer needs the IEEE registry, i.e. a MAC outside the phone-maker table. For every other code the two
 * answers are the same by construction, and skipping the round trip (8-25 ms on a busy machine) keeps the
 * scan-to-screen time short.
 */
function classify(bridge: Bridge, text: string): Promise<Result<BarcodeClassification>> {
  const local = classifyBarcode(text);
  return local.kind === 'mac-unknown-vendor' ? bridge.call('barcode:classify', { text }) : Promise.resolve({ ok: true, data: local });
}

/** Beyond this, a key's delay says nothing about queued keys (the page was frozen); do not wait longer. */
const MAX_LAG_MS = 1_000;

interface KeyToken {
  readonly target: EventTarget | null;
  readonly snapshot: FieldSnapshot | undefined;
  readonly init: KeyboardEventInit;
}

/**
 * Keyboard-wedge scanners, app-wide: ONE capture-phase keydown listener on window (no text field needed)
 * feeds the detector, swallows held keys and the terminator of a scan (so a focused button is not clicked),
 * puts back keys that turned out to be typing, takes out the first key of a scan if it reached a text
 * field, and classifies each scan with the shared classifier (the core's `barcode:classify` when needed). See shared/scanner/wedge-detector.ts for the approach.
 */
export function useWedgeScanner({ enabled, onScan, onCalibrated }: WedgeScannerOptions): WedgeScanner {
  const bridge = useBridge();
  const detectorRef = useRef<WedgeDetector<KeyToken> | undefined>(undefined);
  detectorRef.current ??= new WedgeDetector<KeyToken>(DEFAULT_WEDGE_SETTINGS);
  const [settings, setSettings] = useState<WedgeSettings>(DEFAULT_WEDGE_SETTINGS);
  const [calibrating, setCalibrating] = useState(false);
  const handlers = useRef({ onScan, onCalibrated });
  useEffect(() => {
    handlers.current = { onScan, onCalibrated };
  });

  const saveSettings = useCallback(
    async (next: WedgeSettings): Promise<AppError | undefined> => {
      detectorRef.current!.settings = next;
      setSettings(next);
      const result = await bridge.call('scanner:save-wedge-settings', next);
      return result.ok ? undefined : result.error;
    },
    [bridge],
  );

  useEffect(() => {
    void bridge.call('scanner:get-wedge-settings', {}).then((result) => {
      if (!result.ok) return;
      detectorRef.current!.settings = result.data;
      setSettings(result.data);
    });
  }, [bridge]);

  const apply = useCallback(
    (effects: readonly WedgeEffect<KeyToken>[]): void => {
      for (const effect of effects) {
        if (effect.type === 'replay') {
          for (const key of effect.keys) {
            // Into a field goes what the person typed under their layout (`key`), not the decoded US position.
            if (isTextEditable(key.token.target)) insertText(key.token.target, key.input.key);
            else replayKeydown(key.token.target, key.token.init);
          }
        } else if (effect.type === 'scan') {
          const { scan } = effect;
          const target = scan.leaked?.token.target ?? null;
          if (scan.leaked) retractLeaked(target, scan.leaked.token.snapshot, scan.leaked.typed);
          const at = new Date().toISOString();
          void classify(bridge, scan.text).then((result) => {
            handlers.current.onScan({
              source: 'scanned-wedge',
              raw: scan.text,
              classification: result.ok ? result.data : undefined,
              ...(result.ok ? {} : { error: result.error }),
              lastKeyAt: scan.endedAt,
              at,
              target,
            });
          });
        } else {
          setCalibrating(false);
          if (effect.result.ok) void saveSettings(effect.result.settings);
          handlers.current.onCalibrated?.(effect.result);
        }
      }
    },
    [bridge, saveSettings],
  );

  useEffect(() => {
    if (!enabled) return;
    const detector = detectorRef.current!;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // How late key events reach this page after they happened (their timeStamp). On a busy machine keys
    // queue up; a timer judging "no key for 100 ms" by the wall clock would then cut a burst whose next
    // keys are already waiting. The timers run on event time instead: wall clock minus the current lag.
    let lag = 0;
    const eventNow = (): number => performance.now() - lag;
    const schedule = (): void => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const due = detector.nextDeadline();
      if (due === undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        apply(detector.tick(eventNow()));
        schedule();
      }, Math.max(0, due - eventNow()));
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (isReplay(event)) return;
      lag = Math.min(MAX_LAG_MS, Math.max(0, performance.now() - event.timeStamp));
      const init: KeyboardEventInit = { key: event.key, code: event.code, shiftKey: event.shiftKey, location: event.location };
      const token: KeyToken = { target: event.target, snapshot: snapshotField(event.target), init };
      const decision = detector.feed(
        {
          code: event.code,
          key: event.key,
          timeStamp: event.timeStamp,
          shiftKey: event.shiftKey,
          ctrlKey: event.ctrlKey,
          altKey: event.altKey,
          metaKey: event.metaKey,
          repeat: event.repeat,
          isComposing: event.isComposing,
          holdIfFirst: canHoldFirstKey(event.target),
        },
        token,
      );
      apply(decision.effects);
      if (decision.swallow) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      schedule();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      if (timer) clearTimeout(timer);
      apply(detector.flush());
      setCalibrating(false);
    };
  }, [enabled, apply]);

  const calibrate = useCallback(() => {
    apply(detectorRef.current!.startCalibration());
    setCalibrating(true);
  }, [apply]);
  const cancelCalibration = useCallback(() => {
    detectorRef.current!.cancelCalibration();
    setCalibrating(false);
  }, []);

  return useMemo(() => ({ settings, calibrating, calibrate, cancelCalibration, saveSettings }), [settings, calibrating, calibrate, cancelCalibration, saveSettings]);
}

import { type FormEvent, memo, useState } from 'react';
import { DEFAULT_WEDGE_SETTINGS, type WedgeCalibration, type WedgeSettings } from '../../../../shared/scanner/wedge-settings';
import type { WedgeScanner } from './useWedgeScanner';
import { errorText } from '../../../../shared/contract';

/** Editable thresholds; keyed by the saved ones, so a calibration or a save resets the draft. */
function ThresholdsForm({ wedge }: { wedge: WedgeScanner }) {
  const [draft, setDraft] = useState<WedgeSettings>(wedge.settings);
  const [saveError, setSaveError] = useState<string | undefined>();
  const save = async (next: WedgeSettings): Promise<void> => {
    const error = await wedge.saveSettings(next);
    setSaveError(error ? errorText(error) : undefined);
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void save(draft);
  };
  const field = (key: keyof WedgeSettings, label: string, min: number, max: number) => (
    <label>
      {label}
      <input type="number" min={min} max={max} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })} data-testid={`wedge-${key}`} />
    </label>
  );
  return (
    <>
      <form className="form-row" onSubmit={onSubmit}>
        {field('minLength', 'Fewest characters', 2, 64)}
        {field('maxMedianGapMs', 'Median gap at most (ms)', 5, 80)}
        {field('idleMs', 'Ends after idle (ms)', 30, 600)}
        <button type="submit">Save</button>
        <button type="button" className="button-quiet" onClick={() => void save(DEFAULT_WEDGE_SETTINGS)}>
          Defaults
        </button>
      </form>
      {saveError && (
        <p className="error" role="alert">
          {saveError}
        </p>
      )}
    </>
  );
}

/** USB keyboard-mode scanners: thresholds, "calibrate: scan any barcode", and a field to check typing is left alone. */
export const WedgePanel = memo(function WedgePanel({ wedge, calibration }: { wedge: WedgeScanner; calibration: WedgeCalibration | undefined }) {
  const { minLength, maxMedianGapMs, idleMs } = wedge.settings;
  return (
    <section className="panel" aria-labelledby="wedge-scanners">
      <h2 id="wedge-scanners">USB keyboard-mode scanners</h2>
      <p className="muted">
        The app tells a scanner from typing by speed: a scan is at least {minLength} characters with a median of at most {maxMedianGapMs} ms between
        keys, ended by Enter, Tab or {idleMs} ms without a key. Scans never land in the field that has the focus. If your scanner is slower (Bluetooth,
        remote desktop), calibrate it.
      </p>
      <div className="form-row">
        {wedge.calibrating ? (
          <>
            <span className="calibrating" role="status" data-testid="calibrating">
              Scan any barcode now…
            </span>
            <button type="button" className="button-quiet" onClick={wedge.cancelCalibration}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" onClick={wedge.calibrate} data-testid="calibrate">
            Calibrate: scan any barcode
          </button>
        )}
      </div>
      {calibration && (
        <p className={calibration.ok ? '' : 'error'} role="status" data-testid="calibration-result">
          {calibration.message}
        </p>
      )}
      <ThresholdsForm key={`${minLength}/${maxMedianGapMs}/${idleMs}`} wedge={wedge} />
      <label className="form-row">
        <span>Type here to check that typing is never taken as a scan:</span>
        <input className="try-field" data-testid="scanner-try-field" spellCheck={false} autoComplete="off" placeholder="Type, then scan with the cursor here" />
      </label>
    </section>
  );
});

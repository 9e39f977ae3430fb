/**
 * Thresholds that tell a keyboard-wedge scanner from a person typing, and the calibration that derives
 * them from one observed scan. Measured anchors: USB HID scanners send a key every 1–15 ms (Playwright
 * at "delay 5" shows 12–15 ms gaps); people type at 80–150 ms per key; Bluetooth scanners and remote
 * sessions (RDP, Citrix) deliver keys in bursts with longer pauses between them.
 */
import { z } from 'zod';

/** The detector's thresholds. */
export const wedgeSettingsSchema = z.object({
  /** Fewest characters that can be a scan (a MAC has 12; shorter model codes are refused later anyway). */
  minLength: z.number().int().min(2).max(64),
  /** A sequence is a scan only if the median gap between its keys is at most this. */
  maxMedianGapMs: z.number().min(5).max(80),
  /** A sequence without Enter/Tab ends after this long with no key. */
  idleMs: z.number().min(30).max(600),
});

/** The detector's thresholds. */
export type WedgeSettings = z.infer<typeof wedgeSettingsSchema>;

/** Defaults from the field measurements: ≥ 8 characters, median gap ≤ 35 ms, 100 ms idle ends a scan. */
export const DEFAULT_WEDGE_SETTINGS: WedgeSettings = { minLength: 8, maxMedianGapMs: 35, idleMs: 100 };

/** Fewest characters a calibration scan must have to tell anything. */
export const CALIBRATION_MIN_CHARS = 6;
/** A calibration "scan" slower than this is typing, and calibrating on it would let typing pass as scans. */
const CALIBRATION_MAX_MEDIAN_MS = 60;
/** Never allow a median threshold this close to human typing (80 ms and up). */
const GAP_CEILING_MS = 60;
const GAP_FLOOR_MS = 15;

/** What one calibration scan showed, and the settings derived from it. */
export type WedgeCalibration =
  | { ok: true; settings: WedgeSettings; chars: number; medianGapMs: number; maxGapMs: number; message: string }
  | { ok: false; chars: number; medianGapMs: number | undefined; message: string };

/** The median of a list of numbers; undefined for an empty list. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Gaps between consecutive timestamps. */
export function gapsOf(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/**
 * Derives thresholds from the key times of one scan: the median-gap limit sits at twice the observed
 * median (at least 10 ms above it, within 15–60 ms so typing never qualifies), the idle end at 1.5× the
 * longest pause seen plus 20 ms (at least 100 ms), so a bursty Bluetooth scanner is not cut in two.
 */
export function calibrateFromTimes(times: readonly number[], current: WedgeSettings): WedgeCalibration {
  const chars = times.length;
  const gaps = gapsOf(times);
  const medianGap = median(gaps);
  if (chars < CALIBRATION_MIN_CHARS || medianGap === undefined) {
    return { ok: false, chars, medianGapMs: medianGap, message: `Only ${chars} character${chars === 1 ? '' : 's'} arrived: scan a longer barcode (the MAC barcode is ideal) and try again.` };
  }
  if (medianGap > CALIBRATION_MAX_MEDIAN_MS) {
    return {
      ok: false,
      chars,
      medianGapMs: medianGap,
      message: `Those keys came ${Math.round(medianGap)} ms apart: that is typing speed, not a scanner. Scan a barcode with the scanner (do not type), or check the scanner is in USB keyboard mode.`,
    };
  }
  const maxGap = Math.max(...gaps);
  const settings: WedgeSettings = {
    minLength: Math.min(current.minLength, chars),
    maxMedianGapMs: Math.round(clamp(Math.max(medianGap * 2, medianGap + 10), GAP_FLOOR_MS, GAP_CEILING_MS)),
    idleMs: Math.round(clamp(maxGap * 1.5 + 20, 100, 600)),
  };
  return {
    ok: true,
    settings,
    chars,
    medianGapMs: medianGap,
    maxGapMs: maxGap,
    message: `Calibrated on ${chars} characters (median gap ${medianGap.toFixed(1)} ms, longest ${maxGap.toFixed(0)} ms): scans now need a median gap of at most ${settings.maxMedianGapMs} ms and end after ${settings.idleMs} ms without a key.`,
  };
}

/**
 * The keyboard-wedge scan detector: a pure state machine fed with key events that tells scanner bursts
 * from people typing by timing, and decides for each key whether the UI must swallow it.
 *
 * The hard part is that the first characters of a burst arrive before anyone can know it is a scan.
 * The approach (see the README, "Barcode scanners"):
 * - A key that starts a sequence goes through, unless the caller says the focus is not a text field
 *   (`holdIfFirst`): there a held key can be replayed exactly as a synthetic keydown, so it is held for
 *   at most `maxMedianGapMs` and replayed if no fast key follows.
 * - From the first fast gap (≤ `maxMedianGapMs`) on, every character is HELD (swallowed). If the sequence
 *   turns out to be typing (too short, median too slow, a slow key while the running median is already
 *   slow, or any non-character key), the held keys are handed back for replay, in order, before the key
 *   that settled it, so typed text is never lost or reordered, at worst delayed by one keystroke or idle.
 * - If it is a scan, the characters that went through before holding began (normally one) are reported as
 *   `leaked`, with the caller's token, so the caller can take them back out of the field.
 * Enter/Tab ending a scan is swallowed, so a focused button is not clicked and focus does not move.
 */
import { MODIFIER_KEYS, decodeKey, isAlphanumeric } from './key-decode';
import { DEFAULT_WEDGE_SETTINGS, type WedgeCalibration, type WedgeSettings, calibrateFromTimes, gapsOf, median } from './wedge-settings';

/** One keydown, as the detector needs it. `timeStamp` in ms on one monotonic clock (KeyboardEvent.timeStamp). */
export interface WedgeKeyInput {
  readonly code: string;
  readonly key: string;
  readonly timeStamp: number;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
  /** Auto-repeat from a key held down: always a person (repeat comes every ~33 ms and would look fast). */
  readonly repeat?: boolean;
  /** An IME composition is in progress: always a person. */
  readonly isComposing?: boolean;
  /** Hold this key even when it starts a sequence: the focus is not a text field, so a replay is exact. */
  readonly holdIfFirst?: boolean;
}

/** A character key the detector saw, with the caller's token (typically where the key was aimed). */
export interface WedgeKey<T> {
  readonly char: string;
  readonly input: WedgeKeyInput;
  readonly token: T;
}

/** How a scan ended. */
export type WedgeScanEnd = 'Enter' | 'Tab' | 'idle' | 'other-key';

/** A detected scan. */
export interface WedgeScan<T> {
  /** The decoded characters (US key positions). */
  readonly text: string;
  readonly startedAt: number;
  /** Time of the last character (the "last keystroke" of the latency budget). */
  readonly endedAt: number;
  readonly endedBy: WedgeScanEnd;
  readonly medianGapMs: number;
  /**
   * Keys that went through before holding began (normally the first one); the caller should take them back
   * out. `typed` is what they typed under the OS layout (their `key`s), which is what landed in a field.
   */
  readonly leaked: { readonly text: string; readonly typed: string; readonly token: T } | undefined;
}

/** Something the caller must do now, in order. */
export type WedgeEffect<T> =
  | { readonly type: 'replay'; readonly keys: readonly WedgeKey<T>[] }
  | { readonly type: 'scan'; readonly scan: WedgeScan<T> }
  | { readonly type: 'calibrated'; readonly result: WedgeCalibration };

/** The verdict on one key: swallow it or not, and what to do first. */
export interface WedgeDecision<T> {
  readonly swallow: boolean;
  readonly effects: readonly WedgeEffect<T>[];
}

interface SeqKey<T> extends WedgeKey<T> {
  held: boolean;
}

/** How long a scan from a scanner that sends Enter/Tab waits for it before ending by idle anyway. */
const TERMINATOR_WAIT_MS = 400;
/** How long a calibration scan may pause before it counts as ended. */
const CALIBRATION_IDLE_MS = 600;

const TERMINATORS: Readonly<Record<string, 'Enter' | 'Tab'>> = { Enter: 'Enter', NumpadEnter: 'Enter', Tab: 'Tab' };

function terminatorOf(input: WedgeKeyInput): 'Enter' | 'Tab' | undefined {
  if (input.ctrlKey || input.altKey || input.metaKey || input.shiftKey) return undefined;
  return TERMINATORS[input.code] ?? TERMINATORS[input.key];
}

/** Detects wedge-scanner bursts in a stream of key events; see the module comment for the approach. */
export class WedgeDetector<T> {
  private current: WedgeSettings;
  private seq: SeqKey<T>[] = [];
  private holding = false;
  /** When the last scan ended by idle was judged: an Enter/Tab within `idleMs` of that is its late terminator. */
  private idleScanEnd: number | undefined;
  private calibrating: number[] | undefined;
  /**
   * A sequence the idle timer ended as "not a scan". If the next key's own time shows it came within
   * `idleMs` of that sequence (the machine was too busy to deliver it before the timer ran), the sequence
   * is taken up again instead of being cut in two.
   */
  private resumable: SeqKey<T>[] | undefined;
  /** The last scan ended with Enter/Tab: this scanner sends a terminator. */
  private expectTerminator = false;

  constructor(settings: WedgeSettings = DEFAULT_WEDGE_SETTINGS) {
    this.current = settings;
  }

  /** The thresholds in use. */
  get settings(): WedgeSettings {
    return this.current;
  }

  /** Changes the thresholds; a sequence in progress is judged by the new ones. */
  set settings(next: WedgeSettings) {
    this.current = next;
  }

  /** True while waiting for a calibration scan. */
  get isCalibrating(): boolean {
    return this.calibrating !== undefined;
  }

  /** Starts a calibration: the next burst is swallowed whole and measured instead of being detected. */
  startCalibration(): WedgeEffect<T>[] {
    const effects = this.finish('other-key');
    this.calibrating = [];
    return effects;
  }

  /** Abandons a calibration without changing the settings. */
  cancelCalibration(): void {
    this.calibrating = undefined;
  }

  /** When {@link tick} must be called next (same clock as the key timestamps); undefined when nothing is pending. */
  nextDeadline(): number | undefined {
    if (this.calibrating) {
      const last = this.calibrating.at(-1);
      return last === undefined ? undefined : last + CALIBRATION_IDLE_MS;
    }
    const last = this.seq.at(-1);
    if (!last) return undefined;
    const first = this.seq[0];
    if (this.seq.length === 1 && first?.held) return first.input.timeStamp + this.current.maxMedianGapMs + 1;
    return last.input.timeStamp + this.idleLimit();
  }

  /**
   * How long a sequence may pause before it ends. A burst that already qualifies as a scan, from a scanner
   * that ended its last scan with Enter/Tab, waits longer for that terminator: on a busy machine the last
   * keys can be late, and ending early would cut the code (a cut serial number might even look like a MAC).
   */
  private idleLimit(keys: readonly SeqKey<T>[] = this.seq): number {
    if (!this.expectTerminator || !this.qualifies(keys)) return this.current.idleMs;
    return Math.max(this.current.idleMs, TERMINATOR_WAIT_MS);
  }

  private qualifies(keys: readonly SeqKey<T>[]): boolean {
    const medianGap = median(gapsOf(keys.map((k) => k.input.timeStamp)));
    return keys.length >= this.current.minLength && medianGap !== undefined && medianGap <= this.current.maxMedianGapMs;
  }

  /** Advances time: releases a held first key that no fast key followed, ends idle sequences. */
  tick(now: number): WedgeEffect<T>[] {
    if (this.calibrating) {
      const last = this.calibrating.at(-1);
      return last !== undefined && now - last >= CALIBRATION_IDLE_MS ? [this.endCalibration()] : [];
    }
    const effects: WedgeEffect<T>[] = [];
    const first = this.seq[0];
    if (this.seq.length === 1 && first?.held && now - first.input.timeStamp > this.current.maxMedianGapMs) {
      // Nothing fast followed: it was typed. Hand it back now, not at idle, so typing in a grid is not laggy.
      first.held = false;
      effects.push({ type: 'replay', keys: [first] });
    }
    const last = this.seq.at(-1);
    if (last && now - last.input.timeStamp >= this.idleLimit()) effects.push(...this.finish('idle'));
    return effects;
  }

  /** Feeds one keydown; the caller applies the effects in order, then swallows the key if told to. */
  feed(input: WedgeKeyInput, token: T): WedgeDecision<T> {
    if (this.calibrating) return this.feedCalibration(input);
    const effects = this.tick(input.timeStamp);
    this.resume(input.timeStamp);
    if (input.isComposing || MODIFIER_KEYS.has(input.key)) return { swallow: false, effects };

    const terminator = terminatorOf(input);
    if (terminator) {
      if (this.seq.length > 0) {
        const ended = this.finish(terminator);
        return { swallow: ended.some((e) => e.type === 'scan'), effects: [...effects, ...ended] };
      }
      const late = this.idleScanEnd !== undefined && input.timeStamp - this.idleScanEnd <= this.current.idleMs;
      this.idleScanEnd = undefined;
      return { swallow: late, effects };
    }
    this.idleScanEnd = undefined;

    const char = input.ctrlKey || input.altKey || input.metaKey || input.repeat ? undefined : decodeKey(input.code, input.key, input.shiftKey);
    if (char === undefined) return { swallow: false, effects: [...effects, ...this.finish('other-key')] };
    return this.feedChar({ char, input, token, held: false }, effects);
  }

  /** Ends any sequence now (e.g. the detector is being switched off): held keys come back for replay. */
  flush(): WedgeEffect<T>[] {
    this.calibrating = undefined;
    return this.finish('other-key');
  }

  private feedChar(key: SeqKey<T>, effects: WedgeEffect<T>[]): WedgeDecision<T> {
    const last = this.seq.at(-1);
    if (!last) return this.startSequence(key, effects);
    const gap = key.input.timeStamp - last.input.timeStamp;
    const limit = this.current.maxMedianGapMs;
    const fast = gap <= limit;
    if (this.holding) {
      const runningMedian = median([...gapsOf(this.seq.map((k) => k.input.timeStamp)), gap]) ?? 0;
      if (!fast && runningMedian > limit) {
        // A slow key while the sequence is already slow on the whole: typing (a rollover pair). Settle now.
        return this.startSequence(key, [...effects, ...this.finish('other-key')]);
      }
    } else if (fast) {
      this.holding = true;
    } else if (this.seq.length >= 2) {
      // Two slow gaps before any fast one: typing. (One slow first gap is allowed: Bluetooth scanners.)
      return this.startSequence(key, [...effects, ...this.finish('other-key')]);
    }
    key.held = this.holding;
    this.seq.push(key);
    return { swallow: key.held, effects };
  }

  private startSequence(key: SeqKey<T>, effects: WedgeEffect<T>[]): WedgeDecision<T> {
    key.held = key.input.holdIfFirst === true && isAlphanumeric(key.char);
    this.seq = [key];
    this.holding = false;
    return { swallow: key.held, effects };
  }

  private resume(now: number): void {
    const keys = this.resumable;
    this.resumable = undefined;
    const last = keys?.at(-1);
    if (!keys || !last || this.seq.length > 0 || now - last.input.timeStamp >= this.current.idleMs) return;
    this.seq = keys;
    this.holding = false;
  }

  /** Judges the sequence in progress and clears it. */
  private finish(endedBy: WedgeScanEnd): WedgeEffect<T>[] {
    const keys = this.seq;
    this.seq = [];
    this.holding = false;
    this.resumable = undefined;
    if (keys.length === 0) return [];
    const times = keys.map((k) => k.input.timeStamp);
    const medianGap = median(gapsOf(times));
    if (medianGap === undefined || !this.qualifies(keys)) {
      const held = keys.filter((k) => k.held);
      // Handed back now, so they count as gone through if the sequence is taken up again.
      for (const key of held) key.held = false;
      if (endedBy === 'idle') this.resumable = keys;
      return held.length > 0 ? [{ type: 'replay', keys: held }] : [];
    }
    const leakedKeys = keys.filter((k) => !k.held);
    const firstLeaked = leakedKeys[0];
    const endedAt = times.at(-1) ?? 0;
    if (endedBy === 'idle') this.idleScanEnd = endedAt + this.idleLimit(keys);
    if (endedBy !== 'other-key') this.expectTerminator = endedBy !== 'idle';
    const scan: WedgeScan<T> = {
      text: keys.map((k) => k.char).join(''),
      startedAt: times[0] ?? 0,
      endedAt,
      endedBy,
      medianGapMs: medianGap,
      leaked: firstLeaked ? { text: leakedKeys.map((k) => k.char).join(''), typed: leakedKeys.map((k) => k.input.key).join(''), token: firstLeaked.token } : undefined,
    };
    return [{ type: 'scan', scan }];
  }

  private feedCalibration(input: WedgeKeyInput): WedgeDecision<T> {
    const times = this.calibrating ?? [];
    const stale = times.at(-1);
    const effects: WedgeEffect<T>[] = stale !== undefined && input.timeStamp - stale >= CALIBRATION_IDLE_MS ? [this.endCalibration()] : [];
    if (!this.calibrating) return { swallow: false, effects };
    if (MODIFIER_KEYS.has(input.key)) return { swallow: false, effects };
    if (terminatorOf(input)) return { swallow: times.length > 0, effects: times.length > 0 ? [...effects, this.endCalibration()] : effects };
    const char = input.ctrlKey || input.altKey || input.metaKey ? undefined : decodeKey(input.code, input.key, input.shiftKey);
    if (char === undefined) return { swallow: false, effects };
    times.push(input.timeStamp);
    return { swallow: true, effects };
  }

  private endCalibration(): WedgeEffect<T> {
    const result = calibrateFromTimes(this.calibrating ?? [], this.current);
    this.calibrating = undefined;
    if (result.ok) this.current = result.settings;
    return { type: 'calibrated', result };
  }
}

/**
 * Scan feedback you can hear from a metre away without looking: one distinct tone pattern per outcome,
 * synthesised with Web Audio (no sound files to ship or to block with the CSP).
 */

/** What happened to a scan, as the technician must hear and see it. */
export type ScanOutcome = 'accepted' | 'duplicate' | 'needs-confirmation' | 'rejected';

/** One beep of a tone pattern. */
export interface Beep {
  readonly hz: number;
  readonly ms: number;
  /** Silence before this beep. */
  readonly pauseMs: number;
  readonly wave: OscillatorType;
}

/**
 * The tone patterns: accepted is one short high beep; duplicate two quick mid beeps (heard as "again");
 * needs-confirmation a rising pair (a question); rejected a low double buzz (a square wave, harsh on purpose).
 */
export const TONES: Readonly<Record<ScanOutcome, readonly Beep[]>> = {
  accepted: [{ hz: 1760, ms: 90, pauseMs: 0, wave: 'sine' }],
  duplicate: [
    { hz: 880, ms: 70, pauseMs: 0, wave: 'triangle' },
    { hz: 880, ms: 70, pauseMs: 60, wave: 'triangle' },
  ],
  'needs-confirmation': [
    { hz: 660, ms: 120, pauseMs: 0, wave: 'sine' },
    { hz: 990, ms: 160, pauseMs: 30, wave: 'sine' },
  ],
  rejected: [
    { hz: 180, ms: 170, pauseMs: 0, wave: 'square' },
    { hz: 180, ms: 170, pauseMs: 90, wave: 'square' },
  ],
};

let context: AudioContext | undefined;
let muted = false;

/** Turns the scan sounds off or on (the visible flash stays). */
export function setFeedbackMuted(value: boolean): void {
  muted = value;
}

/** True while sounds are off. */
export function isFeedbackMuted(): boolean {
  return muted;
}

function audio(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  context ??= new AudioContext({ latencyHint: 'interactive' });
  return context;
}

/**
 * True when the browser still blocks sound until the page is clicked or typed in (the browser shell's
 * autoplay rule; the desktop app allows sound from the start). The UI says so.
 */
export function soundBlocked(): boolean {
  return context?.state === 'suspended';
}

/**
 * Creates the audio context ahead of the first scan (a screen calls it on mount). Creating one takes tens
 * of milliseconds; done inside a keydown it would stretch the gaps of the very burst being timed.
 */
export function prepareSound(): void {
  audio();
}

/** Call from any click or key: lets the browser start the audio it holds back until the user acts (cheap). */
export function unlockSound(): void {
  if (context?.state === 'suspended') void context.resume();
}

/** Plays the outcome's tone pattern now; returns the pattern (what was meant to be heard). */
export function playFeedback(outcome: ScanOutcome): readonly Beep[] {
  const pattern = TONES[outcome];
  const ctx = muted ? undefined : audio();
  if (!ctx) return pattern;
  let at = ctx.currentTime + 0.005;
  for (const beep of pattern) {
    at += beep.pauseMs / 1000;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = beep.wave;
    osc.frequency.value = beep.hz;
    const end = at + beep.ms / 1000;
    // Short ramps in and out: a hard-edged beep clicks. Square waves are louder, so they get less gain.
    const peak = beep.wave === 'square' ? 0.18 : 0.35;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(peak, at + 0.008);
    gain.gain.setValueAtTime(peak, end - 0.015);
    gain.gain.linearRampToValueAtTime(0, end);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(end + 0.01);
    at = end;
  }
  return pattern;
}

import { describe, expect, it } from 'vitest';
import { decodeKey } from '../../shared/scanner/key-decode';
import { type WedgeEffect, type WedgeKeyInput, WedgeDetector } from '../../shared/scanner/wedge-detector';
import { DEFAULT_WEDGE_SETTINGS, calibrateFromTimes } from '../../shared/scanner/wedge-settings';

const CODE_OF: Record<string, string> = { '-': 'Minus', ':': 'Semicolon', '.': 'Period', ' ': 'Space' };

/** A US-layout keydown for one character. */
function keyFor(char: string, timeStamp: number, extra: Partial<WedgeKeyInput> = {}): WedgeKeyInput {
  const code = /[0-9]/.test(char) ? `Digit${char}` : /[a-z]/i.test(char) ? `Key${char.toUpperCase()}` : (CODE_OF[char] ?? '');
  return { code, key: char, timeStamp, shiftKey: /[A-Z:]/.test(char), ...extra };
}

interface Run {
  swallowed: string;
  passed: string;
  replayed: string;
  scans: string[];
  effects: WedgeEffect<number>[];
}

/**
 * Types `text` with the given gaps (one per character after the first; a number repeats), optionally
 * ends with a terminator, then lets time run out. Ticks are delivered as a timer would, before each key.
 */
function run(detector: WedgeDetector<number>, text: string, gaps: number | number[], opts: { end?: 'Enter' | 'Tab'; start?: number; holdIfFirst?: boolean } = {}): Run {
  const out: Run = { swallowed: '', passed: '', replayed: '', scans: [], effects: [] };
  const apply = (effects: readonly WedgeEffect<number>[]): void => {
    for (const e of effects) {
      out.effects.push(e);
      if (e.type === 'replay') out.replayed += e.keys.map((k) => k.char).join('');
      if (e.type === 'scan') out.scans.push(e.scan.text);
    }
  };
  let t = opts.start ?? 1000;
  const step = (i: number): number => (Array.isArray(gaps) ? (gaps[i] ?? 0) : gaps);
  const feed = (input: WedgeKeyInput, token: number): void => {
    // A timer due before this key fires first, exactly as in the browser.
    const due = detector.nextDeadline();
    if (due !== undefined && due <= input.timeStamp) apply(detector.tick(due));
    const d = detector.feed(input, token);
    apply(d.effects);
    if (d.swallow) out.swallowed += input.key.length === 1 ? input.key : `<${input.key}>`;
    else out.passed += input.key.length === 1 ? input.key : `<${input.key}>`;
  };
  [...text].forEach((char, i) => {
    if (i > 0) t += step(i - 1);
    feed(keyFor(char, t, { holdIfFirst: opts.holdIfFirst }), i);
  });
  if (opts.end) feed({ code: opts.end, key: opts.end, timeStamp: t + 3 }, -1);
  for (let due = detector.nextDeadline(); due !== undefined; due = detector.nextDeadline()) apply(detector.tick(due));
  return out;
}

describe('keyboard-wedge detector', () => {
  it('takes a fast burst ended by Enter as a scan, swallowing all but the first key and the Enter', () => {
    const r = run(new WedgeDetector(), '805ec0a1b2c3', 12, { end: 'Enter' });
    expect(r.scans).toEqual(['805ec0a1b2c3']);
    expect(r.passed).toBe('8');
    expect(r.swallowed).toBe('05ec0a1b2c3<Enter>');
    const scan = r.effects.find((e) => e.type === 'scan');
    expect(scan?.type === 'scan' && scan.scan.leaked).toEqual({ text: '8', typed: '8', token: 0 });
    expect(r.replayed).toBe('');
  });

  it('ends a scan with Tab too, and swallows the Tab', () => {
    const r = run(new WedgeDetector(), 'C074ADA1B2C3', 5, { end: 'Tab' });
    expect(r.scans).toEqual(['C074ADA1B2C3']);
    expect(r.swallowed.endsWith('<Tab>')).toBe(true);
  });

  it('ends a scan after the idle time when no terminator comes, and swallows an Enter arriving just after', () => {
    const d = new WedgeDetector<number>();
    const r = run(d, '000413a1b2c3', 8);
    expect(r.scans).toEqual(['000413a1b2c3']);
    const idle = r.effects.find((e) => e.type === 'scan');
    expect(idle?.type === 'scan' && idle.scan.endedBy).toBe('idle');
    const lastKey = 1000 + 11 * 8;
    // A Bluetooth scanner's Enter that straggles in after the idle end is still the scan's terminator.
    expect(d.feed({ code: 'Enter', key: 'Enter', timeStamp: lastKey + DEFAULT_WEDGE_SETTINGS.idleMs + 40 }, 0).swallow).toBe(true);
    // But a later Enter is the person's.
    expect(d.feed({ code: 'Enter', key: 'Enter', timeStamp: lastKey + 2000 }, 0).swallow).toBe(false);
  });

  it('never takes human typing as a scan, and never holds a key typed at human speed', () => {
    for (const gap of [80, 100, 120, 150, 250]) {
      const r = run(new WedgeDetector(), '805ec0a1b2c3', gap, { end: 'Enter' });
      expect(r.scans).toEqual([]);
      expect(r.swallowed).toBe('');
      expect(r.passed).toBe('805ec0a1b2c3<Enter>');
    }
  });

  it('holds a rollover pair in typing and hands it back, in order, before the next key', () => {
    // h, e 20 ms later (rollover), then 110 ms gaps: "e" is held, then replayed when "l" shows it was typing.
    const d = new WedgeDetector<number>();
    const r = run(d, 'hello', [20, 110, 120, 130]);
    expect(r.scans).toEqual([]);
    expect(r.swallowed).toBe('e');
    expect(r.replayed).toBe('e');
    const replay = r.effects.find((e) => e.type === 'replay');
    expect(replay?.type === 'replay' && replay.keys.map((k) => k.token)).toEqual([1]);
  });

  it('settles a rollover pair as typing at the very next slow key, without waiting for the idle end', () => {
    const d = new WedgeDetector<number>();
    expect(d.feed(keyFor('h', 0), 0).swallow).toBe(false);
    expect(d.feed(keyFor('e', 20), 1).swallow).toBe(true);
    // 90 ms later: inside the idle window, but the running median (55 ms) already says typing.
    const l = d.feed(keyFor('l', 110), 2);
    expect(l.swallow).toBe(false);
    expect(l.effects).toEqual([{ type: 'replay', keys: [expect.objectContaining({ char: 'e', token: 1 })] }]);
  });

  it('gives back a fast burst that is too short to be a scan (fast typist, or a shortcut burst)', () => {
    const r = run(new WedgeDetector(), 'hello', 10, { end: 'Enter' });
    expect(r.scans).toEqual([]);
    expect(r.replayed).toBe('ello');
    expect(r.passed).toBe('h<Enter>');
  });

  it('requires the minimum length, and honours a changed one', () => {
    expect(run(new WedgeDetector(), '1234567', 10, { end: 'Enter' }).scans).toEqual([]);
    expect(run(new WedgeDetector(), '12345678', 10, { end: 'Enter' }).scans).toEqual(['12345678']);
    expect(run(new WedgeDetector({ ...DEFAULT_WEDGE_SETTINGS, minLength: 12 }), '12345678', 10, { end: 'Enter' }).scans).toEqual([]);
  });

  it('judges by the median gap: a few slow gaps inside a burst (Bluetooth, RDP) do not split or spoil it', () => {
    // Bursts of 4 keys 1 ms apart, 45 ms between bursts: median 1 ms.
    const gaps = [1, 1, 1, 45, 1, 1, 1, 45, 1, 1, 1];
    const r = run(new WedgeDetector(), '805EC0A1B2C3', gaps, { end: 'Enter' });
    expect(r.scans).toEqual(['805EC0A1B2C3']);
    // And a median above the threshold is not a scan, even with some fast gaps.
    const slow = run(new WedgeDetector(), '805EC0A1B2C3', [40, 40, 40, 40, 40, 10, 40, 40, 40, 40, 40], { end: 'Enter' });
    expect(slow.scans).toEqual([]);
    expect(slow.replayed + slow.passed.replace('<Enter>', '')).toHaveLength(12);
  });

  it('keeps a scan whose first gap is slow (a Bluetooth scanner waking up) and reports both leaked keys', () => {
    const r = run(new WedgeDetector(), '805EC0A1B2C3', [50, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5], { end: 'Enter' });
    expect(r.scans).toEqual(['805EC0A1B2C3']);
    const scan = r.effects.find((e) => e.type === 'scan');
    expect(scan?.type === 'scan' && scan.scan.leaked?.text).toBe('80');
  });

  it('with holdIfFirst (focus not in a text field) swallows the whole burst, and replays a lone typed key promptly', () => {
    const scan = run(new WedgeDetector(), '805ec0a1b2c3', 12, { end: 'Enter', holdIfFirst: true });
    expect(scan.scans).toEqual(['805ec0a1b2c3']);
    expect(scan.passed).toBe('');
    const scanEffect = scan.effects.find((e) => e.type === 'scan');
    expect(scanEffect?.type === 'scan' && scanEffect.scan.leaked).toBeUndefined();

    const d = new WedgeDetector<number>();
    expect(d.feed(keyFor('7', 5000, { holdIfFirst: true }), 0).swallow).toBe(true);
    expect(d.nextDeadline()).toBe(5000 + DEFAULT_WEDGE_SETTINGS.maxMedianGapMs + 1);
    const released = d.tick(5000 + DEFAULT_WEDGE_SETTINGS.maxMedianGapMs + 1);
    expect(released).toEqual([{ type: 'replay', keys: [expect.objectContaining({ char: '7' })] }]);
  });

  it('takes a burst up again when a busy machine let the idle timer run before its next keys were delivered', () => {
    const d = new WedgeDetector<number>();
    const t = 1000;
    expect(d.feed(keyFor('8', t), 0).swallow).toBe(false);
    expect(d.feed(keyFor('0', t + 1), 1).swallow).toBe(true);
    // The timer fires on the wall clock (the page was starved): the sequence is judged "typing" and handed back.
    expect(d.tick(t + 1 + DEFAULT_WEDGE_SETTINGS.idleMs)).toEqual([{ type: 'replay', keys: [expect.objectContaining({ char: '0' })] }]);
    // Then the rest of the burst arrives, stamped 1 ms apart: it continues the same scan.
    const effects: WedgeEffect<number>[] = [];
    [...'5ec0a1b2c3'].forEach((char, i) => effects.push(...d.feed(keyFor(char, t + 2 + i), 2 + i).effects));
    const end = d.feed({ code: 'Enter', key: 'Enter', timeStamp: t + 13 }, 99);
    expect(end.swallow).toBe(true);
    const scan = end.effects[0];
    expect(scan?.type === 'scan' && scan.scan.text).toBe('805ec0a1b2c3');
    // Both keys that reached the field (the first, and the replayed one) are reported for taking back.
    expect(scan?.type === 'scan' && scan.scan.leaked).toEqual({ text: '80', typed: '80', token: 0 });
    expect(effects).toEqual([]);
  });

  it('waits longer for the terminator of a scanner that sends one, so late last keys do not cut the code', () => {
    const d = new WedgeDetector<number>();
    expect(run(d, '805EC0A1B2C3', 2, { end: 'Enter', start: 0 }).scans).toEqual(['805EC0A1B2C3']);
    // Ten keys of the next scan, then a pause longer than the idle time (the machine is busy) before the rest.
    const effects: WedgeEffect<number>[] = [];
    [...'20180412345678'].forEach((char, i) => {
      const t = 1000 + i * 2 + (i >= 12 ? 150 : 0);
      const due = d.nextDeadline();
      if (due !== undefined && due <= t) effects.push(...d.tick(due));
      effects.push(...d.feed(keyFor(char, t), i).effects);
    });
    effects.push(...d.feed({ code: 'Enter', key: 'Enter', timeStamp: 1200 }, 99).effects);
    const scans = effects.flatMap((e) => (e.type === 'scan' ? [e.scan.text] : []));
    expect(scans).toEqual(['20180412345678']);
    // A scanner without a terminator still ends by idle after the plain idle time once it is known not to send one.
    const quiet = new WedgeDetector<number>();
    expect(run(quiet, '805EC0A1B2C3', 2).effects.find((e) => e.type === 'scan')).toBeDefined();
    expect(quiet.nextDeadline()).toBeUndefined();
  });

  it('ends a sequence on any non-character key, and lets that key through after the replay', () => {
    const d = new WedgeDetector<number>();
    d.feed(keyFor('a', 0), 0);
    expect(d.feed(keyFor('b', 10), 1).swallow).toBe(true);
    const back = d.feed({ code: 'Backspace', key: 'Backspace', timeStamp: 20 }, 2);
    expect(back.swallow).toBe(false);
    expect(back.effects).toEqual([{ type: 'replay', keys: [expect.objectContaining({ char: 'b' })] }]);
  });

  it('ignores Shift presses between characters (scanners press Shift for capitals) and reads capitals', () => {
    const d = new WedgeDetector<number>();
    let t = 0;
    const swallowed: boolean[] = [];
    for (const char of 'ABCDEF123456') {
      d.feed({ code: 'ShiftLeft', key: 'Shift', timeStamp: (t += 2) }, 0);
      swallowed.push(d.feed(keyFor(char, (t += 2)), 0).swallow);
    }
    const end = d.feed({ code: 'Enter', key: 'Enter', timeStamp: t + 2 }, 0);
    const scan = end.effects[0];
    expect(scan?.type === 'scan' && scan.scan.text).toBe('ABCDEF123456');
    expect(end.swallow).toBe(true);
    expect(swallowed.filter(Boolean)).toHaveLength(11);
  });

  it('never counts auto-repeat (a key held down) or Ctrl shortcuts as scan characters', () => {
    const d = new WedgeDetector<number>();
    const effects: WedgeEffect<number>[] = [];
    for (let i = 0; i < 20; i++) {
      const decision = d.feed(keyFor('a', i * 30, { repeat: i > 0 }), 0);
      effects.push(...decision.effects);
      expect(decision.swallow).toBe(false);
    }
    effects.push(...d.feed({ code: 'Enter', key: 'Enter', timeStamp: 700 }, 0).effects);
    expect(effects.filter((e) => e.type === 'scan')).toEqual([]);
    expect(d.feed(keyFor('v', 800, { ctrlKey: true }), 0).swallow).toBe(false);
  });

  it('decodes by key position, so an AZERTY layout gives the characters the scanner meant', () => {
    const azerty: [string, string][] = [['Digit8', '_'], ['Digit0', 'à'], ['Digit5', '('], ['KeyE', 'e'], ['KeyC', 'c'], ['Digit1', '&'], ['Digit2', 'é'], ['KeyA', 'q'], ['KeyQ', 'a'], ['Semicolon', 'm']];
    expect(azerty.map(([code, key]) => decodeKey(code, key))).toEqual(['8', '0', '5', 'e', 'c', '1', '2', 'a', 'q', ';']);
    expect(decodeKey('KeyC', 'C')).toBe('C');
    expect(decodeKey('KeyC', 'c', true)).toBe('c');
    expect(decodeKey('KeyA', 'Q')).toBe('a');
    expect(decodeKey('KeyA', 'Q', true)).toBe('A');
    expect(decodeKey('Numpad7', '7')).toBe('7');
    expect(decodeKey('Semicolon', ':', true)).toBe(':');
    expect(decodeKey('', 'x')).toBe('x');
    expect(decodeKey('ArrowDown', 'ArrowDown')).toBeUndefined();
  });

  it('calibrates from one burst and then detects a slower scanner it would have missed', () => {
    const d = new WedgeDetector<number>();
    // A remote-session scanner: keys 50 ms apart. By default, not a scan.
    expect(run(d, '805EC0A1B2C3', 50, { end: 'Enter' }).scans).toEqual([]);
    d.startCalibration();
    const cal = run(d, '805EC0A1B2C3', 50, { end: 'Enter' });
    expect(cal.swallowed).toBe('805EC0A1B2C3<Enter>');
    const result = cal.effects.find((e) => e.type === 'calibrated');
    expect(result?.type === 'calibrated' && result.result.ok).toBe(true);
    expect(d.settings.maxMedianGapMs).toBe(60);
    expect(run(d, 'C074ADA1B2C3', 50, { end: 'Enter' }).scans).toEqual(['C074ADA1B2C3']);
    // Typing still is not a scan after calibration.
    expect(run(d, 'C074ADA1B2C3', 90, { end: 'Enter' }).scans).toEqual([]);
  });

  it('refuses to calibrate on typing or on a too-short burst, keeping the settings', () => {
    const typed = calibrateFromTimes([0, 100, 210, 300, 420, 500, 610], DEFAULT_WEDGE_SETTINGS);
    expect(typed.ok).toBe(false);
    expect(typed.message).toContain('typing speed');
    expect(calibrateFromTimes([0, 5, 10], DEFAULT_WEDGE_SETTINGS).ok).toBe(false);
    const d = new WedgeDetector<number>();
    d.startCalibration();
    run(d, 'abcdefgh', 120, { end: 'Enter' });
    expect(d.settings).toEqual(DEFAULT_WEDGE_SETTINGS);
  });

  it('derives a longer idle end from a bursty calibration scan, so such scans are not cut in two', () => {
    const times = [0, 1, 2, 3, 80, 81, 82, 83, 160, 161, 162, 163];
    const result = calibrateFromTimes(times, DEFAULT_WEDGE_SETTINGS);
    expect(result.ok && result.settings.idleMs).toBe(Math.round(77 * 1.5 + 20));
    expect(result.ok && result.settings.maxMedianGapMs).toBe(15);
  });
});

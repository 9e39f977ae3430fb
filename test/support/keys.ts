import type { CDPSession } from 'playwright-core';

/** One key as a keyboard (or a scanner pretending to be one) sends it. */
export interface Key {
  readonly code: string;
  readonly key: string;
  readonly vk: number;
  readonly shift: boolean;
}

/** The keys a US-layout scanner sends for `text`, as a US machine reports them. */
export function usKeys(text: string): Key[] {
  return [...text].map((char) => {
    if (/[0-9]/.test(char)) return { code: `Digit${char}`, key: char, vk: char.charCodeAt(0), shift: false };
    if (/[a-z]/i.test(char)) return { code: `Key${char.toUpperCase()}`, key: char, vk: char.toUpperCase().charCodeAt(0), shift: char !== char.toLowerCase() };
    if (char === ':') return { code: 'Semicolon', key: ':', vk: 186, shift: true };
    throw new Error(`no US key for ${char}`);
  });
}

/** The Enter key that ends a scan. */
export const ENTER: Key = { code: 'Enter', key: 'Enter', vk: 13, shift: false };

/** Sends one key (down and up) through Chromium's input pipeline; without a timestamp Chromium stamps it on arrival. */
function sendKey(cdp: CDPSession, k: Key, timestamp?: number): Promise<unknown>[] {
  const text = k === ENTER ? '\r' : k.key;
  const common = { code: k.code, key: k.key, windowsVirtualKeyCode: k.vk, modifiers: k.shift ? 8 : 0 };
  const at = (offset: number) => (timestamp === undefined ? {} : { timestamp: timestamp + offset });
  return [
    cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...common, text, unmodifiedText: text, ...at(0) }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common, ...at(0.0005) }),
  ];
}

/**
 * Sends keys through Chromium's real input pipeline (CDP), trusted, with explicit event timestamps `gapMs`
 * apart (from `startMs`, default now): the page sees exactly a scanner's timing, as it does with real
 * hardware (whose key times come from the OS), however busy the test machine is.
 */
export async function cdpBurst(cdp: CDPSession, keys: readonly Key[], gapMs: number, startMs = Date.now()): Promise<void> {
  await Promise.all(keys.flatMap((k, i) => sendKey(cdp, k, (startMs + i * gapMs) / 1000)));
}

/** A scan: {@link cdpBurst} of the keys, then Enter `gapMs` after the last. */
export function cdpType(cdp: CDPSession, keys: readonly Key[], gapMs: number): Promise<void> {
  return cdpBurst(cdp, [...keys, ENTER], gapMs);
}

/** Presses Enter now, stamped by Chromium when it arrives (the "last keystroke" of a latency measurement). */
export async function cdpEnter(cdp: CDPSession): Promise<void> {
  await Promise.all(sendKey(cdp, ENTER));
}

/**
 * A wedge scanner's scan for latency measurements: the characters with key times 1 ms apart ending now, then
 * the Enter, stamped by Chromium when it arrives (the "last keystroke" a latency is measured from).
 */
export async function cdpScanNow(cdp: CDPSession, text: string): Promise<void> {
  const keys = usKeys(text);
  await cdpBurst(cdp, keys, 1, Date.now() - keys.length);
  await cdpEnter(cdp);
}

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

/**
 * Sends keys through Chromium's real input pipeline (CDP), trusted, with explicit event timestamps `gapMs`
 * apart, then Enter: the page sees exactly a scanner's timing, as it does with real hardware (whose key
 * times come from the OS), however busy the test machine is.
 */
export async function cdpType(cdp: CDPSession, keys: readonly Key[], gapMs: number): Promise<void> {
  const base = Date.now() / 1000;
  const sent: Promise<unknown>[] = [];
  [...keys, ENTER].forEach((k, i) => {
    const timestamp = base + (i * gapMs) / 1000;
    const text = k === ENTER ? '\r' : k.key;
    const common = { code: k.code, key: k.key, windowsVirtualKeyCode: k.vk, modifiers: k.shift ? 8 : 0 };
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...common, text, unmodifiedText: text, timestamp }));
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common, timestamp: timestamp + 0.0005 }));
  });
  await Promise.all(sent);
}


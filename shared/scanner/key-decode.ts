/**
 * Turning a keyboard-wedge scanner's key events back into the characters it meant. A wedge scanner sends
 * key POSITIONS (HID usages) for a US keyboard; the OS layout then turns them into characters, so on a
 * French AZERTY machine the digit row of a US-set scanner arrives as `&é"'(-è_çà`. Decoding from
 * `KeyboardEvent.code` (the position) gives back what the scanner meant, whatever the layout.
 */

// US-layout characters for the punctuation positions a barcode can plausibly contain: [unshifted, shifted].
const US_PUNCTUATION: Readonly<Record<string, readonly [string, string]>> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  Period: ['.', '>'],
  Comma: [',', '<'],
  Slash: ['/', '?'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadSubtract: ['-', '-'],
  NumpadAdd: ['+', '+'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

/** Keys that only modify others: they neither add a character nor end a scan (scanners press Shift for capitals). */
export const MODIFIER_KEYS: ReadonlySet<string> = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn', 'OS']);

/**
 * The character a key event stands for, decoded from its US position (`Digit0-9`, `Numpad0-9`, `KeyA-Z`,
 * common punctuation), falling back to `key` for anything else printable; undefined for keys that type
 * nothing (arrows, Backspace, F-keys, Enter, Tab). Digits ignore Shift: a scanner set up for AZERTY presses
 * Shift to get digits, and either way it meant the digit.
 */
export function decodeKey(code: string, key: string, shiftKey = false): string | undefined {
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  if (digit) return digit[1];
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter?.[1]) {
    // Same letter under the layout: its `key` carries the case, Caps Lock included. A different letter
    // (AZERTY swaps A/Q and Z/W) or a symbol: the position decides, Shift the case.
    if (key.length === 1 && key.toUpperCase() === letter[1]) return key;
    return shiftKey ? letter[1] : letter[1].toLowerCase();
  }
  const punctuation = US_PUNCTUATION[code];
  if (punctuation) return shiftKey ? punctuation[1] : punctuation[0];
  // Unknown or empty codes (remote sessions, virtual keyboards): trust the character the OS produced.
  return [...key].length === 1 ? key : undefined;
}

/** True for 0-9 and A-Z: the characters a held first key may be (replaying one never triggers a browser default). */
export function isAlphanumeric(char: string): boolean {
  return /^[0-9A-Za-z]$/.test(char);
}

import { parseMac } from '../domain/mac';
import { phoneVendorFor } from '../domain/oui';
import type { PbxIndex } from './pbx-index';

/**
 * Spreadsheet damage to identifiers (field pain point 18): a spreadsheet reads `805123456789` or `0001E1` as a
 * number, drops leading zeros, shows big numbers as `8.05E+11` and writes that into the CSV. Some damage can
 * be undone exactly; the rest is refused with the way out. Nothing here guesses: a repair is made only when
 * one original value is possible (and, for MACs, the result is a known phone vendor's MAC).
 */

const SCIENTIFIC = /^[+-]?(\d+)(?:[.,](\d+))?e([+-]?\d+)$/i;
const DECIMAL_NUMBER = /^\d+\.0+$/;
const TEXT_FORMULA = /^="(.*)"$/s;
const RE_EXPORT = 're-export with the column formatted as text';

/** What a spreadsheet did to a cell, and what can be done. */
export type Damage =
  | { readonly kind: 'none'; readonly value: string }
  | { readonly kind: 'repaired'; readonly value: string; readonly message: string }
  | { readonly kind: 'refused'; readonly message: string };

/** `8.05E+11` → its digits, and whether they are all the original ones (no zeros made up by the exponent). */
export function scientificDigits(text: string): { digits: string; exact: boolean } | null {
  const match = SCIENTIFIC.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  const exponent = Number(match[3]);
  if (exponent < fraction.length) return { digits: '', exact: false };
  const made = exponent - fraction.length;
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '') + '0'.repeat(made);
  return { digits, exact: made === 0 };
}

/** True when the cell looks like a number a spreadsheet wrote in scientific notation. */
export function isScientific(text: string): boolean {
  return SCIENTIFIC.test(text.trim());
}

/** Unwraps Excel's `="…"` keep-as-text trick; refuses any other formula (also a CSV-injection guard). */
function formula(text: string): Damage | null {
  if (!text.startsWith('=')) return null;
  const inner = TEXT_FORMULA.exec(text);
  if (inner && !inner[1]!.includes('"')) return { kind: 'repaired', value: inner[1]!, message: `unwrapped the spreadsheet formula ${text}` };
  return { kind: 'refused', message: `${text.slice(0, 40)} is a spreadsheet formula, not a value: export the sheet with values, not formulas` };
}

/** Digits of a MAC the spreadsheet read as a number, when the leading zeros it dropped can be put back for sure. */
function padMac(digits: string, shown: string): Damage {
  if (digits.length === 12) {
    const parsed = parseMac(digits);
    if (!parsed.ok) return { kind: 'refused', message: `the spreadsheet wrote this MAC as a number (${shown}), which is not a phone's MAC: ${parsed.reason}` };
    const mac = parsed.mac;
    return { kind: 'repaired', value: mac, message: `the spreadsheet wrote this MAC as a number (${shown}); all 12 digits are there: ${mac}` };
  }
  const padded = digits.padStart(12, '0');
  const vendor = digits.length >= 10 && digits.length < 12 ? phoneVendorFor(padded) : null;
  const parsed = parseMac(padded);
  if (vendor !== null && parsed.ok) {
    const mac = parsed.mac;
    const zeros = 12 - digits.length;
    return { kind: 'repaired', value: mac, message: `the spreadsheet dropped ${zeros} leading zero${zeros === 1 ? '' : 's'} (${shown}); restored ${mac}, a ${vendor} MAC` };
  }
  return {
    kind: 'refused',
    message: `the spreadsheet turned this MAC into the number ${shown} and its leading zeros cannot be known: ${RE_EXPORT}, or scan the label again`,
  };
}

/** Checks a MAC cell from a CSV file for spreadsheet damage. */
export function repairMacCell(text: string): Damage {
  const value = text.trim();
  const fromFormula = formula(value);
  if (fromFormula?.kind === 'repaired') {
    const inner = repairMacCell(fromFormula.value);
    if (inner.kind === 'none') return { ...fromFormula, value: inner.value };
    return inner.kind === 'repaired' ? { ...inner, message: `${fromFormula.message}; ${inner.message}` } : inner;
  }
  if (fromFormula) return fromFormula;
  const sci = scientificDigits(value);
  if (sci) {
    if (!sci.exact || sci.digits.length > 12) {
      return { kind: 'refused', message: `the spreadsheet turned this MAC into a number (${value}) and digits were lost: ${RE_EXPORT}, or scan the label again` };
    }
    return padMac(sci.digits, value);
  }
  if (DECIMAL_NUMBER.test(value)) return padMac(value.replace(/\.0+$/, ''), value);
  if (/^\d{10,11}$/.test(value)) return padMac(value, value);
  return { kind: 'none', value };
}

/** A hint for a MAC cell that fails to parse because a spreadsheet damaged it, or null. */
export function macDamageHint(text: string): string | null {
  const value = text.trim();
  if (!isScientific(value) && !/^\d{10,11}$/.test(value) && !DECIMAL_NUMBER.test(value)) return null;
  const damage = repairMacCell(value);
  if (damage.kind === 'repaired') return `Looks like ${damage.message.replace(/^the spreadsheet/, 'a spreadsheet')}: check the label and type ${damage.value}.`;
  if (damage.kind === 'refused') return `${damage.message.charAt(0).toUpperCase()}${damage.message.slice(1)}.`;
  return null;
}

/** PBX extension numbers that are `value` with leading zeros put back (`123` → `0123`). */
function zeroPadded(value: string, index: PbxIndex): string[] {
  const found: string[] = [];
  for (let zeros = 1; zeros <= 4; zeros += 1) {
    const candidate = '0'.repeat(zeros) + value;
    if (index.extensions.has(candidate)) found.push(candidate);
  }
  return found;
}

/**
 * Checks an extension cell from a CSV file for spreadsheet damage. A number whose leading zero was dropped is
 * recognised by asking the PBX's extension list: `123` is not there but `0123` is.
 */
export function repairExtensionCell(text: string, index: PbxIndex): Damage {
  let value = text.trim();
  const notes: string[] = [];
  const fromFormula = formula(value);
  if (fromFormula?.kind === 'refused') return fromFormula;
  if (fromFormula?.kind === 'repaired') {
    value = fromFormula.value.trim();
    notes.push(fromFormula.message);
  }
  const sci = scientificDigits(value);
  if (sci) {
    if (!sci.exact) return { kind: 'refused', message: `the spreadsheet turned this extension into a number (${value}) and digits were lost: ${RE_EXPORT}` };
    notes.push(`the spreadsheet wrote ${value} for ${sci.digits}`);
    value = sci.digits;
  } else if (DECIMAL_NUMBER.test(value)) {
    notes.push(`the spreadsheet wrote ${value} for ${value.replace(/\.0+$/, '')}`);
    value = value.replace(/\.0+$/, '');
  }
  if (/^\d+$/.test(value) && index.loaded.extensions && !index.extensions.has(value)) {
    const padded = zeroPadded(value, index);
    if (padded.length === 1) {
      notes.push(`the spreadsheet dropped the leading zero: the PBX has ${padded[0]!}, not ${value}`);
      value = padded[0]!;
    }
  }
  return notes.length === 0 ? { kind: 'none', value } : { kind: 'repaired', value, message: notes.join('; ') };
}

/**
 * MAC addresses: one parser for every form a technician meets (labels, PBX exports, ARP tables, SIP PnP
 * URIs), one canonical form (`80:5e:c0:12:34:56`), and the output forms the PBX API and CSV files use.
 *
 * The parser reads the text as written: an optional `MAC` label, then exactly 12 hex digits, either bare or
 * split into groups of 2, 4 or 6 by `:`, `-`, `.` or a single space. It never "strips what is not hex and
 * takes 12", which would turn a serial number into a fake MAC.
 */

/** Why a text is not an acceptable MAC; the UI can pick an icon or action by code. */
export type MacProblem =
  | 'empty'
  | 'too-long'
  | 'non-hex'
  | 'length'
  | 'grouping'
  | 'all-zero'
  | 'broadcast'
  | 'multicast'
  | 'locally-administered';

/** The outcome of {@link parseMac}: the canonical MAC, or a reason a technician can act on. */
export type MacParse =
  | {
      ok: true;
      /** Canonical form: lower case, colons (`80:5e:c0:12:34:56`). */
      mac: string;
      /** 12 lower-case hex digits (`805ec0123456`). */
      hex: string;
      /**
       * The U/L bit is set: a randomised, virtual or software-assigned address, not a factory MAC.
       * Discovery still shows such devices; barcode scans and phone rows refuse them.
       */
      locallyAdministered: boolean;
    }
  | { ok: false; problem: MacProblem; reason: string };

/** What {@link parseMac} tolerates beyond a plain unicast factory MAC. */
export interface MacParseOptions {
  /** Accept locally administered addresses (flagged in the result). Default true; false for phone MACs. */
  readonly allowLocallyAdministered?: boolean;
}

/** Output forms: canonical, and the forms the PBX CSV import and OpenAPI use. */
export type MacStyle = 'colon-lower' | 'colon-upper' | 'bare-upper' | 'hyphen-upper';

/** One optional label before a MAC, as printed on cartons and sent in SIP PnP URIs: MAC, MAC:, MAC=, MAC%3A. */
export const MAC_LABEL = /^MAC(?:%3A|[:=])?\s*/i;
const SEPARATORS = new Set([':', '-', '.', ' ']);
const HEX = /^[0-9a-fA-F]$/;
// Group sizes a real MAC is written in: bare, 2×6 (OUI-NIC), 3×4 (Cisco dotted), 6×2 (colon/hyphen pairs).
const GROUPINGS = new Set(['12', '6,6', '4,4,4', '2,2,2,2,2,2']);
// Longer than any written MAC with a label and separators: answer without reading it all.
const MAX_PLAUSIBLE = 40;
const MAX_NAMED_CHARS = 5;

const fail = (problem: MacProblem, reason: string): MacParse => ({ ok: false, problem, reason });

/** A character as a technician can read it in a message (spaces, tabs and control codes spelt out). */
function describeChar(char: string): string {
  if (char === '\t') return 'a tab';
  if (char === '\n' || char === '\r') return 'a line break';
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `control code U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (/^\s$/u.test(char)) return `an unusual space (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `"${char}"`;
}

function nonHexReason(chars: readonly string[], more: boolean): string {
  const named = chars.map(describeChar).join(', ') + (more ? ' and others' : '');
  const confusable = chars.some((c) => c === 'O' || c === 'o') ? ' (an O is often a misread 0)' : '';
  return `Contains ${named}, which cannot be in a MAC${confusable}. A MAC is 12 characters 0-9 and A-F: check the label or scan the MAC barcode.`;
}

/**
 * Parses a MAC written in any common form (`805EC0123456`, `80:5e:c0:12:34:56`, `80-5E-C0-12-34-56`,
 * `805e.c012.3456`, `805EC0-123456`, optionally after `MAC`, `MAC:`, `MAC=` or `MAC%3A`, any case, with
 * surrounding whitespace). Mixed separators (`80:5e-c0:12:34:56`) are accepted when the groups are still a
 * regular grouping, because the 12 digits are unambiguous. Never throws.
 */
export function parseMac(input: string, options: MacParseOptions = {}): MacParse {
  if (typeof input !== 'string') return fail('empty', 'Nothing to read: type or scan the MAC (12 characters, 0-9 and A-F).');
  const text = input.trim();
  if (text.length === 0) return fail('empty', 'Nothing to read: type or scan the MAC (12 characters, 0-9 and A-F).');
  if (text.length > MAX_PLAUSIBLE) {
    return fail('too-long', `${text.length} characters is far too long for a MAC (12 hex digits). The scanner may have read several codes, or a 2-D code: scan only the MAC barcode.`);
  }
  const body = text.replace(MAC_LABEL, '');
  if (body.length === 0) return fail('empty', 'Only the label "MAC" was read, no address: scan or type the 12 characters after it.');

  let digits = '';
  const groups: number[] = [];
  let run = 0;
  const bad: string[] = [];
  let moreBad = false;
  for (const char of body) {
    if (HEX.test(char)) {
      digits += char;
      run += 1;
    } else if (SEPARATORS.has(char)) {
      groups.push(run);
      run = 0;
    } else if (!bad.includes(char)) {
      if (bad.length < MAX_NAMED_CHARS) bad.push(char);
      else moreBad = true;
    }
  }
  groups.push(run);

  if (bad.length > 0) return fail('non-hex', nonHexReason(bad, moreBad));
  if (digits.length !== 12) {
    const found = digits.length === 1 ? '1 hex digit' : `${digits.length} hex digits`;
    const hint = digits.length < 12 ? 'one or more are missing' : 'there are extra characters';
    return fail('length', `Has ${found}; a MAC has exactly 12, so ${hint}. Check the label or rescan.`);
  }
  if (!GROUPINGS.has(groups.join(','))) {
    return fail('grouping', 'The separators are in unexpected places. Write the MAC as 12 characters (805EC0123456) or in pairs (80:5E:C0:12:34:56).');
  }
  return checkBits(digits.toLowerCase(), options);
}

function checkBits(hex: string, options: MacParseOptions): MacParse {
  const mac = colonLower(hex);
  if (hex === '000000000000') return fail('all-zero', `${mac} is the all-zero address, a placeholder, not a device's MAC. Check the label or rescan.`);
  if (hex === 'ffffffffffff') return fail('broadcast', `${mac} is the broadcast address, not a device's MAC. Check the label or rescan.`);
  const firstOctet = parseInt(hex.slice(0, 2), 16);
  if (firstOctet & 1) {
    return fail('multicast', `${mac} is a multicast (group) address: its first byte is odd, so it cannot be a device's own MAC. Check the label or rescan.`);
  }
  const locallyAdministered = (firstOctet & 2) !== 0;
  if (locallyAdministered && options.allowLocallyAdministered === false) {
    return fail('locally-administered', `${mac} is a locally administered (random or virtual) address; a phone's factory MAC never is. Scan the MAC printed on the phone's label.`);
  }
  return { ok: true, mac, hex, locallyAdministered };
}

function colonLower(hex: string): string {
  return hex.match(/../g)?.join(':') ?? hex;
}

/** The 12 lower-case hex digits of a MAC in any accepted form, or null when it does not parse. */
export function macHex(mac: string): string | null {
  const parsed = parseMac(mac);
  return parsed.ok ? parsed.hex : null;
}

/** True when both texts parse to the same MAC, whatever their form. */
export function sameMac(a: string, b: string): boolean {
  const left = macHex(a);
  return left !== null && left === macHex(b);
}

/**
 * Writes a MAC (12 hex digits, or any form {@link parseMac} accepts) in the given style:
 * `colon-lower` 80:5e:c0:12:34:56, `colon-upper` 80:5E:C0:12:34:56, `bare-upper` 805EC0123456,
 * `hyphen-upper` 80-5E-C0-12-34-56. Throws a RangeError for text that is not a MAC (a programming error:
 * callers format MACs they have already parsed).
 */
export function formatMac(mac: string, style: MacStyle): string {
  const hex = macHex(mac);
  if (hex === null) throw new RangeError(`formatMac: not a MAC: ${JSON.stringify(mac.slice(0, 40))}`);
  switch (style) {
    case 'colon-lower':
      return colonLower(hex);
    case 'colon-upper':
      return colonLower(hex).toUpperCase();
    case 'bare-upper':
      return hex.toUpperCase();
    case 'hyphen-upper':
      return colonLower(hex).toUpperCase().replaceAll(':', '-');
  }
}

/**
 * Telling a phone's MAC barcode from the serial-number, part-number and retail barcodes printed next to it.
 * The common field failure is a scanner reading the serial number instead of the MAC; an app that then
 * "strips non-hex and takes 12" invents a MAC. Here a scan is a MAC only when it is exactly 12 hex digits
 * (optionally labelled and separated) of a unicast, globally administered address, and all-digit codes
 * need a phone maker's prefix to count.
 */
import { productCodeKind } from './ean';
import { MAC_LABEL, parseMac } from './mac';
import { longestPrefixMatch } from './oui';
import { PHONE_OUI_TABLE } from './oui-table.generated';

/** What a scanned or pasted code is. */
export type BarcodeClassification =
  /** A phone MAC: valid unicast factory MAC in a known phone vendor's block. */
  | { kind: 'mac'; mac: string; vendor: string }
  /** A valid factory MAC of a maker we do not know as a phone maker: the technician must confirm it. */
  | { kind: 'mac-unknown-vendor'; mac: string; registrant?: string; reason: string }
  /** Not a MAC; the reason says what it looks like and what to do. */
  | { kind: 'rejected'; reason: string };

/**
 * The IEEE registrant name of the block holding a MAC (12 hex digits): a name, null when the block is not
 * registered at all, undefined when it cannot tell (no registry at hand).
 */
export type RegistrantLookup = (hex: string) => string | null | undefined;

/** Extra knowledge the classifier may use. */
export interface ClassifyOptions {
  /** The full IEEE registry, for MACs outside the phone table (Node side only: it is 5.6 MB). */
  readonly registrantFor?: RegistrantLookup;
}

const SCAN_MAC = 'Scan the barcode labelled MAC.';
// SN:, S/N, SN 123…, Serial No. — the serial-number labels printed next to the MAC.
const SERIAL_LABEL = /^(?:S\/?N|SERIAL(?:\s*NO\.?)?)(?:\s*[:#]|\s+|(?=\d))/i;

const rejected = (reason: string): BarcodeClassification => ({ kind: 'rejected', reason });

function ouiText(hex: string): string {
  return hex.slice(0, 6).toUpperCase().match(/../g)?.join(':') ?? hex;
}

/** An all-digit code: a MAC only when a phone maker's prefix says so, else a serial or product code. */
function classifyDigits(digits: string): BarcodeClassification {
  const n = digits.length;
  if (n === 12) {
    const mac = parseMac(digits, { allowLocallyAdministered: false });
    const vendor = mac.ok ? longestPrefixMatch(PHONE_OUI_TABLE, mac.hex)?.value : undefined;
    if (mac.ok && vendor !== undefined) return { kind: 'mac', mac: mac.mac, vendor };
    if (!mac.ok && mac.problem === 'all-zero') return rejected(mac.reason);
    // A random 12-digit serial has a valid check digit one time in ten, so the check digit only picks the words.
    if (productCodeKind(digits) === 'UPC-A') return rejected(`12 digits with a valid UPC-A check digit and no phone maker's prefix: looks like a product code or serial number, not a MAC. ${SCAN_MAC}`);
    return rejected(`12 digits with no phone maker's prefix: looks like a serial number or EAN/UPC product code, not a MAC. ${SCAN_MAC}`);
  }
  const product = productCodeKind(digits);
  if (product === 'EAN-13' || product === 'EAN-8') return rejected(`${n} digits with a valid ${product} check digit: looks like a product code, not a MAC. ${SCAN_MAC}`);
  if (n >= 13) return rejected(`${n} digits: looks like a serial number, not a MAC (a MAC is 12 characters, 0-9 and A-F). ${SCAN_MAC}`);
  return rejected(`${n} digits: looks like a part or model number, not a MAC (a MAC is 12 characters, 0-9 and A-F). ${SCAN_MAC}`);
}

/** Words for a code that failed to parse as a MAC, when its shape says what it probably is. */
function describeNonMac(body: string): string | undefined {
  if (SERIAL_LABEL.test(body)) return `Labelled as a serial number, not a MAC. ${SCAN_MAC}`;
  if (/^[A-Z0-9]{13,20}$/i.test(body)) return `${body.length} characters: looks like a serial number, not a MAC (a MAC is 12 characters, 0-9 and A-F). ${SCAN_MAC}`;
  if (body.length < 12 && /[G-Z]/i.test(body) && /^[A-Z0-9][A-Z0-9\-/.]*$/i.test(body)) return `Looks like a model or part number, not a MAC. ${SCAN_MAC}`;
  return undefined;
}

/**
 * Classifies a scanned or pasted code (rules: discovery-and-scanning.md §6.2). Trims it, removes one
 * optional `MAC`/`MAC:`/`MAC=`/`MAC%3A` label, then:
 * - all digits, no label, no separators: a MAC only if 12 digits in a phone vendor's block; otherwise a
 *   serial number or EAN/UPC product code (check digits decide which words are used);
 * - otherwise it must parse as a MAC ({@link parseMac}); multicast, locally administered, all-zero and
 *   broadcast addresses are refused;
 * - a phone vendor's block gives `mac`; another registered maker gives `mac-unknown-vendor` (confirm);
 *   a block no one registered is treated as a serial or part number.
 * Never throws; fast on any input (anything over 40 characters is refused without being read).
 */
export function classifyBarcode(text: string, options: ClassifyOptions = {}): BarcodeClassification {
  if (typeof text !== 'string') return rejected(`Nothing was read. ${SCAN_MAC}`);
  const trimmed = text.trim();
  if (trimmed.length === 0) return rejected(`Nothing was read. ${SCAN_MAC}`);
  const body = trimmed.replace(MAC_LABEL, '');
  if (body === trimmed && body.length <= 40 && /^\d+$/.test(body)) return classifyDigits(body);

  const parsed = parseMac(trimmed, { allowLocallyAdministered: false });
  if (!parsed.ok) {
    const shape = parsed.problem === 'non-hex' || parsed.problem === 'length' ? describeNonMac(body) : undefined;
    return rejected(shape ?? parsed.reason);
  }
  const vendor = longestPrefixMatch(PHONE_OUI_TABLE, parsed.hex)?.value;
  if (vendor !== undefined) return { kind: 'mac', mac: parsed.mac, vendor };

  const registrant = options.registrantFor?.(parsed.hex);
  if (registrant === null) {
    return rejected(`No maker has registered the prefix ${ouiText(parsed.hex)}: probably a serial or part number, not a MAC. ${SCAN_MAC}`);
  }
  if (registrant === undefined) {
    return { kind: 'mac-unknown-vendor', mac: parsed.mac, reason: `A valid MAC, but ${ouiText(parsed.hex)} is not a phone maker we know: confirm this is the phone before using it.` };
  }
  return { kind: 'mac-unknown-vendor', mac: parsed.mac, registrant, reason: `A MAC registered to ${registrant}, not a phone maker we know: confirm this is the phone before using it.` };
}

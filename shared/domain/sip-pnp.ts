/**
 * Parser for SIP PnP announcements (RFC 6080 `SUBSCRIBE … Event: ua-profile`) that booting phones multicast
 * to 224.0.1.75:5060. It reads what the phone tells about itself and never builds a reply: answering would
 * redirect the customer's phones to us.
 *
 * Where the MAC sits differs by vendor: Yealink `sip:MAC805ec0a1b2c3@…`, Grandstream `sip:MAC%3AC074AD…@…`,
 * Snom `sip:MAC%3a000413…` (From/To with no host), Fanvil/PLANET `sip:MAC=0c383e…@…`, Gigaset `MAC%3a…@gigaset.com`.
 * Order: Request-URI, From, To, then a MAC at the end of the User-Agent.
 */
import { parseIpv4 } from './cidr';
import { MAC_LABEL, parseMac } from './mac';
import { phoneVendorFor } from './oui';

/** What a booting phone told us. */
export interface PnpAnnouncement {
  /** Canonical MAC. */
  readonly mac: string;
  /** The phone's IPv4 address: the datagram's source, else the top Via's host; null when neither is an address. */
  readonly ip: string | null;
  /** Vendor by OUI when the OUI is a phone vendor's, else the announced vendor (null for `OEM`). */
  readonly vendor: string | null;
  /** The vendor the phone announced (Event `vendor`, else the first User-Agent word), as sent. */
  readonly announcedVendor: string | null;
  readonly model: string | null;
  readonly firmware: string | null;
  readonly userAgent: string | null;
}

/** What an announcement says besides the MAC. */
export type PnpDetails = Pick<PnpAnnouncement, 'announcedVendor' | 'model' | 'firmware' | 'userAgent'>;

/** Why a datagram was not a usable announcement. */
export type PnpRejection = 'not-sip' | 'not-subscribe' | 'not-ua-profile';

/**
 * The outcome of {@link parsePnpSubscribe}. `no-mac` is a real announcement without a MAC (AudioCodes sends
 * none): the caller can look `ip` up in the neighbour table and complete it with {@link pnpAnnouncement}.
 */
export type PnpParse =
  | { readonly ok: true; readonly announcement: PnpAnnouncement }
  | { readonly ok: false; readonly reason: 'no-mac'; readonly message: string; readonly ip: string | null; readonly details: PnpDetails }
  | { readonly ok: false; readonly reason: PnpRejection; readonly message: string };

/** Builds an announcement from its parts; the vendor is re-checked against the OUI (phones may announce `OEM`). */
export function pnpAnnouncement(mac: string, ip: string | null, details: PnpDetails): PnpAnnouncement {
  return { mac, ip, vendor: phoneVendorFor(mac) ?? details.announcedVendor, ...details };
}

/** Datagrams longer than this are cut before parsing: an announcement is well under 2 KB. */
const MAX_PARSE = 8_192;
const COMPACT: Readonly<Record<string, string>> = { v: 'via', f: 'from', t: 'to', o: 'event', m: 'contact', i: 'call-id' };
const START_LINE = /^([A-Za-z]+)\s+(\S+)\s+SIP\/2\.0$/;
const MAC_TOKEN = /^(?:[0-9a-f]{12}|[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5})$/i;
const VERSION_TOKEN = /^v?\d+(?:\.\d+)+\S*$/i;
/** Announced vendor/model values that say nothing (Gigaset OEM firmware). */
const PLACEHOLDER = /^(oem|unknown|none)?$/i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Header name (lower case, compact forms expanded) → values, in order. Continuation lines are unfolded. */
function readHeaders(lines: readonly string[]): Map<string, string[]> {
  const unfolded: string[] = [];
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && unfolded.length > 0) unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    else unfolded.push(line);
  }
  const headers = new Map<string, string[]>();
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(name, values);
  }
  return headers;
}

/** Splits `a;b="x;y";c` on semicolons outside quotes. */
function splitParams(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] ?? '';
    if (char === '\\' && quoted) {
      current += char + (value[i + 1] ?? '');
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

/** Event header → package (lower case) and parameters (names lower case, values unquoted and URL-decoded). */
function readEvent(value: string): { pkg: string; params: Map<string, string> } {
  const [pkg = '', ...rest] = splitParams(value);
  const params = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    let param = part.slice(eq + 1).trim();
    if (param.length >= 2 && param.startsWith('"') && param.endsWith('"')) param = param.slice(1, -1).replace(/\\(.)/g, '$1');
    params.set(part.slice(0, eq).trim().toLowerCase(), safeDecode(param).trim());
  }
  return { pkg: pkg.toLowerCase(), params };
}

/** The user part of a SIP URI in a Request-URI or a From/To/Contact value (`"x" <sip:user@host>;tag=…`), URL-decoded. */
function uriUser(value: string): string | null {
  const bracketed = /<([^>]*)>/.exec(value);
  const uri = (bracketed ? bracketed[1] : value.split(';')[0])?.trim() ?? '';
  const match = /^sips?:([^@;?>]*)/i.exec(uri);
  if (!match?.[1]) return null;
  return safeDecode(match[1]);
}

/** A phone MAC in a URI user part: `MAC…` in any vendor form; a bare 12-hex user only with a phone-vendor OUI. */
function macFromUser(user: string | null): string | null {
  if (user === null) return null;
  const labelled = MAC_LABEL.test(user);
  const parsed = parseMac(user, { allowLocallyAdministered: false });
  if (!parsed.ok) return null;
  if (!labelled && phoneVendorFor(parsed.mac) === null) return null;
  return parsed.mac;
}

/** A MAC-shaped token in the User-Agent, searched from the end (`Yealink SIP-T38G 38.70.0.125 00:15:65:00:00:01`). */
function macFromUserAgent(userAgent: string | null): string | null {
  if (userAgent === null) return null;
  const tokens = userAgent.split(/[\s();,]+/).filter(Boolean);
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const token = tokens[i] ?? '';
    if (!MAC_TOKEN.test(token)) continue;
    const parsed = parseMac(token, { allowLocallyAdministered: false });
    if (parsed.ok) return parsed.mac;
  }
  return null;
}

/** Vendor, model and firmware from a User-Agent like `Yealink SIP-T54W 96.86.0.70` or `PLANET VIP-2140PT`. */
function fromUserAgent(userAgent: string | null): { vendor: string | null; model: string | null; firmware: string | null } {
  const tokens = (userAgent ?? '').split(/\s+/).filter((t) => t !== '' && !MAC_TOKEN.test(t));
  const [product = null, model = null] = tokens;
  const vendor = product?.split('/')[0] ?? null; // `AUDC-IPPhone/2.2.8.61`: the product name without its version
  const firmware = tokens.slice(1).find((t) => VERSION_TOKEN.test(t)) ?? null;
  return { vendor, model: model !== null && VERSION_TOKEN.test(model) ? null : model, firmware };
}

function meaningful(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return PLACEHOLDER.test(trimmed) ? null : trimmed;
}

function ipFromVia(via: string | undefined): string | null {
  const host = /^SIP\s*\/\s*2\.0\s*\/\s*\w+\s+([^;:\s]+)/i.exec(via ?? '')?.[1];
  return host !== undefined && parseIpv4(host) !== null && host !== '0.0.0.0' ? host : null;
}

/**
 * Parses one datagram received on the PnP group. `sourceIp` is the datagram's source address, preferred over
 * the Via header for the phone's IP (it is what we can actually reach). Never throws.
 */
export function parsePnpSubscribe(datagram: string, sourceIp?: string): PnpParse {
  const lines = datagram.slice(0, MAX_PARSE).split(/\r?\n/);
  const start = START_LINE.exec((lines[0] ?? '').trim());
  if (!start) return { ok: false, reason: 'not-sip', message: 'Not a SIP request.' };
  const [, method = '', requestUri = ''] = start;
  if (method.toUpperCase() !== 'SUBSCRIBE') return { ok: false, reason: 'not-subscribe', message: `A SIP ${method.toUpperCase()}, not a PnP SUBSCRIBE.` };
  const headers = readHeaders(lines.slice(1));
  const first = (name: string): string | undefined => headers.get(name)?.[0];
  const eventHeader = first('event');
  const event = readEvent(eventHeader ?? '');
  if (event.pkg !== 'ua-profile') {
    return { ok: false, reason: 'not-ua-profile', message: `A SUBSCRIBE for "${event.pkg || 'no event'}", not a PnP ua-profile announcement.` };
  }
  const ip = sourceIp !== undefined && parseIpv4(sourceIp) !== null ? sourceIp : ipFromVia(first('via'));
  const userAgent = first('user-agent') ?? null;
  const fallback = fromUserAgent(userAgent);
  const details: PnpDetails = {
    announcedVendor: meaningful(event.params.get('vendor') ?? fallback.vendor),
    model: meaningful(event.params.get('model') ?? fallback.model),
    firmware: meaningful(event.params.get('version') ?? fallback.firmware),
    userAgent,
  };
  const mac =
    macFromUser(uriUser(requestUri)) ?? macFromUser(uriUser(first('from') ?? '')) ?? macFromUser(uriUser(first('to') ?? '')) ?? macFromUserAgent(userAgent);
  if (mac === null) return { ok: false, reason: 'no-mac', message: 'A PnP announcement without a MAC in its URIs or User-Agent.', ip, details };
  return { ok: true, announcement: pnpAnnouncement(mac, ip, details) };
}

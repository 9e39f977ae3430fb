/**
 * "Seen on the network": a row's MAC was also seen by LAN discovery (the neighbour-table sweep or a PnP
 * announcement) in this app session, so the phone it names is really here and answering. One rule for both
 * directions: a device discovered after its row was scanned, typed or imported, and a row whose MAC discovery
 * had already seen. MACs match by their 12 hex digits, whatever form a row holds them in.
 */
import { macHex } from './mac';
import type { Row } from './project';

const CANONICAL = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/** The key a MAC is matched on (12 lower-case hex digits), or null when the text is not a MAC. */
export function sightingKey(mac: string): string | null {
  // Rows and devices hold canonical MACs almost always: skip the full parser for those (thousands of rows per check).
  return CANONICAL.test(mac) ? mac.replaceAll(':', '') : macHex(mac);
}

/** What {@link markSeenOnNetwork} did. */
export interface SeenOnNetworkOutcome {
  /** The same array when nothing changed, so callers can skip a save. */
  readonly rows: readonly Row[];
  /** Ids of the rows newly marked. */
  readonly marked: readonly string[];
}

/**
 * Marks every row whose MAC is among `seen` (keys from {@link sightingKey}) as seen on the network. Rows
 * already marked, and rows whose MAC does not parse, are left alone; nothing else on a row changes.
 */
export function markSeenOnNetwork(rows: readonly Row[], seen: ReadonlySet<string>): SeenOnNetworkOutcome {
  if (seen.size === 0) return { rows, marked: [] };
  let next: Row[] | null = null;
  const marked: string[] = [];
  rows.forEach((row, i) => {
    if (row.seenOnNetwork || row.mac === '') return;
    const key = sightingKey(row.mac);
    if (key === null || !seen.has(key)) return;
    next ??= [...rows];
    next[i] = { ...row, seenOnNetwork: true };
    marked.push(row.id);
  });
  return { rows: next ?? rows, marked };
}

/**
 * Before rows are saved over `stored`: a row whose MAC changed loses its mark (the mark was about the old MAC;
 * the cross-check marks the new one again if discovery saw it). Rows new to the project keep what they carry
 * (a row added from the discovery list arrives marked). Returns `next` itself when nothing changed.
 */
export function forgetSeenWhereMacChanged(stored: readonly Row[], next: Row[]): Row[] {
  let before: Map<string, Row> | undefined;
  let out: Row[] | null = null;
  next.forEach((row, i) => {
    if (!row.seenOnNetwork) return;
    before ??= new Map(stored.map((r) => [r.id, r]));
    const was = before.get(row.id);
    if (!was || was.mac === row.mac || sightingKey(was.mac) === sightingKey(row.mac)) return;
    out ??= [...next];
    out[i] = { ...row, seenOnNetwork: false };
  });
  return out ?? next;
}

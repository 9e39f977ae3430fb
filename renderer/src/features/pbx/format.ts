/** Words and layout for PBX facts: fingerprints in readable groups, ages, dates. */

/** A SHA-256 fingerprint (`AB:CD:…`) as groups of four hex digits, easy to compare by eye with the PBX's. */
export function fingerprintGroups(fingerprint: string): string[] {
  const hex = fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{1,4}/g) ?? [];
}

/** "just now", "12 min ago", "3 h ago", "4 days ago"; "never" when not fetched. */
export function ageText(ageMs: number | null): string {
  if (ageMs === null) return 'never';
  const minutes = Math.floor(ageMs / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

/** Milliseconds since an ISO time, or null. */
export function ageOfIso(iso: string | null, now = Date.now()): number | null {
  return iso === null ? null : Math.max(0, now - Date.parse(iso));
}

/** A date and time in the technician's locale. */
export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** "0.4 s", "1.2 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

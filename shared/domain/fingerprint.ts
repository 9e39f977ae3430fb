/** SHA-256 certificate fingerprints, as shown to technicians and stored as pins. */

/**
 * Normalises a SHA-256 fingerprint typed or pasted in any common form (`AB:CD:…`, `ab cd …`, `abcd…`,
 * `SHA256 Fingerprint=AB:CD:…` as printed by openssl) to upper-case colon-separated pairs, or null when it is
 * not 32 bytes of hex.
 */
export function normalizeFingerprint(input: string): string | null {
  const text = input.trim().replace(/^sha-?256\s*(fingerprint)?\s*[=:]?\s*/i, '');
  const hex = text.replace(/[\s:-]/g, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** True when two fingerprints name the same certificate, whatever their formatting. */
export function sameFingerprint(a: string, b: string): boolean {
  const na = normalizeFingerprint(a);
  return na !== null && na === normalizeFingerprint(b);
}

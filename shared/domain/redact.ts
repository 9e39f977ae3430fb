/** What replaces a secret in logs, exports and crash reports. */
export const REDACTED = '[redacted]';

// Field names whose values are always secret, in JSON, query strings and key=value text.
const SECRET_KEYS = ['access_token', 'refresh_token', 'password', 'client_secret', 'secret', 'token', 'authorization'];
const keyPattern = SECRET_KEYS.join('|');
const jsonField = new RegExp(`("(?:${keyPattern})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
const queryField = new RegExp(`((?:^|[?&;\\s])(?:${keyPattern})=)[^&\\s"']*`, 'gi');

/**
 * Masks secrets in free text: JSON fields and query parameters named like secrets, and every
 * literal secret value given (e.g. the Client Secret the user typed, a live access token).
 */
export function redactText(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text.replace(jsonField, `$1"${REDACTED}"`).replace(queryField, `$1${REDACTED}`);
  for (const secret of knownSecrets) {
    // Short values would mask ordinary words; real secrets and tokens are long.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Deep-copies a value with secret-named fields masked, for structured log entries. */
export function redactValue(value: unknown, knownSecrets: Iterable<string> = [], depth = 0): unknown {
  const secrets = [...knownSecrets];
  if (typeof value === 'string') return redactText(value, secrets);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEYS.includes(key.toLowerCase()) ? REDACTED : redactValue(item, secrets, depth + 1);
  }
  return out;
}

/**
 * Which web addresses the app may open in the system browser (Electron security checklist item 15: never pass
 * untrusted input to shell.openExternal). The address is parsed, never matched by prefix: only http(s), no
 * user name or password in it, and its origin must be the web portal of a configured PBX profile (the
 * portal answers at the profile's own address) or Yeastar's help site.
 */

/** Origins the app may always open: Yeastar's help pages (how to enable the API, certificates). */
const FIXED_EXTERNAL_ORIGINS: readonly string[] = ['https://help.yeastar.com'];

/** The outcome of {@link checkExternalUrl}. */
export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

function originOf(text: string): string | null {
  try {
    return new URL(text).origin;
  } catch {
    return null;
  }
}

/** Checks an address against the allowlist: the fixed origins plus the origins of `pbxBaseUrls`. */
export function checkExternalUrl(text: string, pbxBaseUrls: readonly string[]): ExternalUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: `"${text.slice(0, 100)}" is not a web address.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `Only web addresses (https://…) can be opened, not ${url.protocol} addresses.` };
  }
  if (url.username || url.password) return { ok: false, reason: 'Addresses with a user name or password in them are never opened.' };
  const allowed = new Set([...FIXED_EXTERNAL_ORIGINS, ...pbxBaseUrls.map(originOf).filter((o): o is string => o !== null)]);
  if (!allowed.has(url.origin)) {
    return { ok: false, reason: `The app opens only the web portal of a PBX profile and Yeastar's help pages; ${url.origin} is neither.` };
  }
  return { ok: true, url: url.href };
}

/**
 * The app's own pages are served from `app://onsite/…` rather than `file://` (Electron security checklist
 * item 18): a real origin for the CSP's 'self', no file:// privileges (that fuse is off), and only files
 * under the renderer folder can ever be served. Pure: no Electron import, so the rules are tested in Node.
 */
import { extname, relative, resolve, sep } from 'node:path';
import { RENDERER_CONTENT_TYPES } from '../../shared/contract/csp';

/** The scheme the app's pages are served on. */
export const APP_SCHEME = 'app';
/** The one host of that scheme. */
const APP_HOST = 'onsite';
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The Content-Type for a served file; files of other kinds are not served at all. */
export function contentTypeFor(file: string): string | undefined {
  return RENDERER_CONTENT_TYPES[extname(file).toLowerCase()];
}

/**
 * The file under `rootDir` that an `app://onsite/…` request names, or null when the request is for another
 * scheme or host, escapes the folder (`..`, encoded or not), or names a kind of file that is never served.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || inside.split(sep).includes('..')) return null;
  return contentTypeFor(file) ? file : null;
}

/**
 * True for the app's own page: `app://onsite/…`, or the dev server's origin during development. Compared on
 * the parsed URL (Node's URL gives custom schemes the origin "null", so scheme and host are compared).
 */
export function isAppPageUrl(pageUrl: string, devServerUrl?: string): boolean {
  try {
    const url = new URL(pageUrl);
    if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
    return devServerUrl !== undefined && url.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

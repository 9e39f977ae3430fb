import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { RENDERER_CSP } from '../../shared/contract/csp';
import { APP_SCHEME, contentTypeFor, resolveAppFile } from './app-url';

/**
 * Declares `app:` a standard, secure scheme. Must run before the app is ready: a standard scheme gives the
 * pages a real origin ('self' in the CSP, relative URLs) and a secure one counts as a secure context.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer (`rendererDir`) on `app://onsite/`, with the CSP on every response. */
export function serveApp(rendererDir: string, onRefused: (url: string) => void): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file || request.method !== 'GET') {
      onRefused(request.url);
      return new Response('Not found', { status: 404 });
    }
    try {
      // readFile reads inside app.asar in Electron's main process.
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'Content-Type': contentTypeFor(file) ?? 'application/octet-stream', 'Content-Security-Policy': RENDERER_CSP, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/**
 * The renderer's Content-Security-Policy, shared by the Electron response header and the browser
 * shell so both enforce the same rules. No inline script, no eval, no remote code; the only
 * connection allowed besides the page's own origin is the browser shell's loopback WebSocket.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "media-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

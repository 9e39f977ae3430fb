import { type Session, app, session } from 'electron';
import { RENDERER_CSP } from '../../shared/contract/csp';

/**
 * Process-wide guards, installed once before any window exists (Electron security checklist,
 * items 5, 7, 12, 13, 14): every navigation, new window and webview is refused, every
 * permission is denied, and the CSP is sent as a response header as well as a meta tag.
 */
export function installSecurityGuards(onBlocked: (what: string, url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      onBlocked('navigation', url);
    });
    contents.on('will-redirect', (event, url) => {
      event.preventDefault();
      onBlocked('redirect', url);
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      onBlocked('webview', '');
    });
    contents.setWindowOpenHandler(({ url }) => {
      onBlocked('new window', url);
      return { action: 'deny' };
    });
  });
  hardenSession(session.defaultSession);
}

/** Denies every permission request and check, and adds the CSP header to every response. */
export function hardenSession(target: Session): void {
  // SECURITY: the app needs no camera, microphone, notifications, geolocation, HID, serial or USB
  // from Chromium: serial scanners are read in the main process through serialport.
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}

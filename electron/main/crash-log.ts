import { type WebContents, app } from 'electron';
import type { Logger } from '../core/log';

// A renderer that dies again within this time is left alone: reloading it would only loop.
const RELOAD_GUARD_MS = 30_000;

/**
 * Logs every way the app's processes can fail, through the core logger (so secrets are redacted): uncaught
 * exceptions and unhandled rejections in the main process, a renderer that crashed or was killed, a helper
 * process (GPU, network service, utility) that ended abnormally, a preload script that threw, and a window
 * that stopped responding. A crashed window is reloaded once: the core holds every saved change, and a blank
 * window would leave the technician stuck.
 */
export function installCrashLogging(log: Logger): void {
  const crash = log.scope('crash');
  process.on('uncaughtException', (error) => crash.error('uncaught exception in the main process', { error }));
  process.on('unhandledRejection', (reason) => crash.error('unhandled promise rejection in the main process', { error: reason }));

  const lastReload = new WeakMap<WebContents, number>();
  app.on('render-process-gone', (_event, contents, details) => {
    crash.error('a window\'s renderer process ended', { reason: details.reason, exitCode: details.exitCode, url: contents.getURL() });
    if (details.reason === 'clean-exit' || contents.isDestroyed()) return;
    const now = Date.now();
    if (now - (lastReload.get(contents) ?? 0) < RELOAD_GUARD_MS) return;
    lastReload.set(contents, now);
    contents.reload();
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    crash.error('an Electron helper process ended', { type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name ?? '', serviceName: details.serviceName ?? '' });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('preload-error', (_e, preloadPath, error) => crash.error('the preload script failed', { preloadPath, error }));
    contents.on('unresponsive', () => crash.warn('a window stopped responding', { url: contents.getURL() }));
    contents.on('responsive', () => crash.info('the window responds again', { url: contents.getURL() }));
  });
}

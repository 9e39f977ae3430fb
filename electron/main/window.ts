import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app } from 'electron';
import { APP_ENTRY_URL } from './app-url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The built renderer, served on app://onsite/ (inside app.asar when packaged). */
export const RENDERER_DIR = join(here, '../renderer');

/** electron-vite's dev server, during `npm run dev` only. */
export function devServerUrl(): string | undefined {
  // SECURITY: never in a packaged app, where an environment variable must not be able to swap the page the
  // preload (and so the core) is exposed to.
  return app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
}

/** Creates the main window with the secure settings of the Electron checklist (items 2–4, 6, 9, 10). */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'OnSite Provisioner',
    backgroundColor: '#101418',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click (auxclick) could open links in new windows: the app has no links to follow.
      disableBlinkFeatures: 'Auxclick',
      // Scan sounds must play for a serial scanner before anyone has clicked in the window.
      autoplayPolicy: 'no-user-gesture-required',
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl() ?? APP_ENTRY_URL);
  return win;
}

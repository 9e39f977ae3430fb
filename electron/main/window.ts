import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow } from 'electron';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Where the renderer comes from: the dev server in development, the built files otherwise. */
export function rendererEntry(): { kind: 'url'; url: string } | { kind: 'file'; path: string } {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl && !process.env.ONSITE_PACKAGED) return { kind: 'url', url: devUrl };
  return { kind: 'file', path: join(here, '../renderer/index.html') };
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
      devTools: !process.env.ONSITE_PACKAGED,
    },
  });
  win.once('ready-to-show', () => win.show());
  const entry = rendererEntry();
  if (entry.kind === 'url') void win.loadURL(entry.url);
  else void win.loadFile(entry.path);
  return win;
}

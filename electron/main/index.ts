/**
 * Electron's main process: lifecycle only. Everything the app does lives in the core
 * (electron/core), which this shell reaches through the same contract as the browser shell.
 */
import { app, dialog } from 'electron';
import { type Core, createCore } from '../core/core';
import { registerIpc } from './ipc';
import { installSecurityGuards } from './security';
import { createMainWindow } from './window';

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    let core: Core;
    try {
      core = createCore({ dataDir: app.getPath('userData'), shell: 'electron' });
      core.openDataFolder();
    } catch (error) {
      // e.g. the browser shell has the same data folder open: say so rather than risk both writing it.
      dialog.showErrorBox('OnSite Provisioner cannot start', error instanceof Error ? error.message : String(error));
      app.quit();
      return;
    }
    process.on('uncaughtException', (error) => core.log.error('uncaught exception', { error }));
    process.on('unhandledRejection', (error) => core.log.error('unhandled rejection', { error }));
    installSecurityGuards((what, url) => core.log.warn(`blocked ${what}`, { url }));

    const trusted = new Set<number>();
    registerIpc(core, trusted);
    const win = createMainWindow();
    const contentsId = win.webContents.id;
    trusted.add(contentsId);
    win.on('closed', () => trusted.delete(contentsId));
    app.on('second-instance', () => {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    });
    app.on('window-all-closed', () => app.quit());
    let closing = false;
    app.on('before-quit', (event) => {
      if (closing) return;
      // Let the core revoke PBX tokens and close ports before the process ends.
      closing = true;
      event.preventDefault();
      void core.close().finally(() => app.quit());
    });
  });
}

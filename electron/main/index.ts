/**
 * Electron's main process: lifecycle only. Everything the app does lives in the core
 * (electron/core), which this shell reaches through the same contract as the browser shell.
 */
import { join } from 'node:path';
import { app, dialog, shell } from 'electron';
// electron-log's Node build, not 'electron-log/main': the main build registers its own IPC channel
// (__ELECTRON_LOG__) with no sender check, which this app does not want; the file transport is the same.
import electronLog from 'electron-log/node';
import { type Core, createCore } from '../core/core';
import { createLogger } from '../core/log';
import { installCrashLogging } from './crash-log';
import { registerIpc } from './ipc';
import { electronLogSink } from './log-file';
import { registerAppScheme, serveApp } from './protocol';
import { installSecurityGuards } from './security';
import { RENDERER_DIR, createMainWindow } from './window';

app.enableSandbox();
// ONSITE_DATA_DIR (tests, `onsite demo`) moves the whole data folder, Chromium's files included; set before
// the single-instance lock, which is per folder, so a demo runs beside the technician's own app.
if (process.env.ONSITE_DATA_DIR) app.setPath('userData', process.env.ONSITE_DATA_DIR);
const dataDir = app.getPath('userData');
// One logger for the whole process, from the first line: the core's (which redacts), written by electron-log.
const log = createLogger({ sink: electronLogSink(electronLog, join(dataDir, 'logs'), { console: !app.isPackaged }) });
installCrashLogging(log);
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    let core: Core;
    try {
      core = createCore({ dataDir, shell: 'electron', log, openExternal: (url) => shell.openExternal(url) });
      core.openDataFolder();
    } catch (error) {
      // e.g. the browser shell has the same data folder open: say so rather than risk both writing it.
      dialog.showErrorBox('OnSite Provisioner cannot start', error instanceof Error ? error.message : String(error));
      app.quit();
      return;
    }
    installSecurityGuards((what, url) => log.warn(`blocked ${what}`, { url }));
    serveApp(RENDERER_DIR, (url) => log.warn('blocked app:// request', { url }));

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

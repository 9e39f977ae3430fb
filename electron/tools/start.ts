/**
 * `npm start`: builds and starts the desktop app (electron-vite preview builds first). Where Electron's binary
 * is not installed it says so and points to the browser shell, instead of electron's "failed to install
 * correctly" stack trace.
 */
import { spawnSync } from 'node:child_process';
import { findElectronBinary } from '../cli/electron-binary';

const electron = findElectronBinary();
if (!electron.ok) {
  process.stderr.write(
    `OnSite Provisioner's desktop app cannot start here: ${electron.reason}.\n\n` +
      'Use the browser shell instead (same app, in Chromium, Chrome, Edge or Firefox):\n\n  npm run web\n\n' +
      'To get the desktop app, reinstall Electron where github.com can be reached: rm -rf node_modules/electron && npm install\n',
  );
  process.exit(1);
}
const run = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'preview', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;

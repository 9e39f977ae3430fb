import { execFileSync } from 'node:child_process';

/**
 * Builds the app once before the suite, so browser-shell tests run the same bundle `npm run web` serves.
 * Set ONSITE_SKIP_BUILD=1 when iterating on tests that do not need a fresh bundle.
 */
export default function setup(): void {
  if (process.env.ONSITE_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
}

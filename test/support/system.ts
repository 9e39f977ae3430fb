import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe } from 'vitest';
import { findElectronBinary } from '../../electron/cli/electron-binary';

/** Whether a system part a test needs is here, and if not, why. */
export interface Requirement {
  readonly ok: boolean;
  readonly reason: string;
  /**
   * A part CI is allowed to lack (e.g. Electron's binary, which CI cannot download): the suite skips with its
   * reason even under REQUIRE_SYSTEM_TESTS=1, and says it is optional in CI.
   */
  readonly ciMayLack?: boolean;
}

/** True when CI demands that no system test skips (set by .ci/run). */
export const REQUIRE_SYSTEM_TESTS = process.env.REQUIRE_SYSTEM_TESTS === '1';

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Path of the Chromium binary used by browser tests. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, for browser-shell end-to-end tests. */
export function chromium(): Requirement {
  return existsSync(CHROMIUM_PATH)
    ? { ok: true, reason: '' }
    : { ok: false, reason: `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)` };
}

/** Root and iproute2, for network-namespace tests. */
export function netns(): Requirement {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root' };
  return onPath('ip') ? { ok: true, reason: '' } : { ok: false, reason: 'iproute2 `ip` not found (apt-get install iproute2)' };
}

/** socat, for serial-scanner tests over pty pairs. */
export function socat(): Requirement {
  return onPath('socat') ? { ok: true, reason: '' } : { ok: false, reason: 'socat not found (apt-get install socat)' };
}

/** A headless Secret Service: gnome-keyring under a private D-Bus session. */
export function secretService(): Requirement {
  const missing = ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool'].filter((c) => !onPath(c));
  return missing.length === 0
    ? { ok: true, reason: '' }
    : { ok: false, reason: `${missing.join(' and ')} not found (apt-get install gnome-keyring dbus-x11 libsecret-tools)` };
}

/**
 * Electron's binary and a display to open its window on, for the Playwright `_electron` suite over the built
 * app. CI here cannot download the binary, so CI may lack it.
 */
export function electronBinary(): Requirement & { path?: string } {
  const found = findElectronBinary();
  if (!found.ok) return { ok: false, reason: found.reason, ciMayLack: true };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'no display for Electron\'s window (run the tests under xvfb-run -a)', ciMayLack: true };
  }
  return { ok: true, reason: '', path: found.path };
}

/**
 * `describe` for tests that need a system part. Where the part is missing the suite is skipped with
 * the reason in its name, except under REQUIRE_SYSTEM_TESTS=1, where the missing part fails the run (unless the
 * requirement says CI may lack it).
 */
export function describeWith(requirement: Requirement, name: string, body: () => void): void {
  if (requirement.ok) {
    describe(name, body);
  } else if (REQUIRE_SYSTEM_TESTS && !requirement.ciMayLack) {
    describe(name, () => {
      throw new Error(`REQUIRE_SYSTEM_TESTS=1 but a system part is missing: ${requirement.reason}`);
    });
  } else {
    describe.skip(`${name} [skipped: ${requirement.reason}${requirement.ciMayLack ? '; optional in CI' : ''}]`, body);
  }
}

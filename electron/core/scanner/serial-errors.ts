import type { AppError } from '../../../shared/contract';

/** What kind of trouble opening or reading a serial port was. */
export type SerialTrouble = 'busy' | 'permission' | 'missing' | 'other';

const PATTERNS: readonly [SerialTrouble, RegExp][] = [
  // Linux/macOS: flock fails ("Cannot lock port"), EBUSY; Windows reports a COM port in use as "Access denied".
  ['busy', /cannot lock port|resource busy|EBUSY|resource temporarily unavailable|access denied/i],
  ['permission', /permission denied|EACCES|operation not permitted|EPERM/i],
  ['missing', /no such file|ENOENT|file not found|cannot find the file|no such device|ENXIO|ENODEV/i],
];

/** Classifies a serialport error by its message (the native binding puts no `code` on its errors). */
export function serialTrouble(error: unknown): SerialTrouble {
  const text = error instanceof Error ? `${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}` : String(error);
  return PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
}

/**
 * Words for a serial failure that tell the technician what to do: close the other program, join the
 * `dialout` group (Linux), or plug the scanner in.
 */
export function describeSerialError(error: unknown, path: string, platform: NodeJS.Platform = process.platform): AppError {
  const detail = error instanceof Error ? error.message : String(error);
  switch (serialTrouble(error)) {
    case 'busy':
      return {
        code: 'serial',
        message: `${path} is busy: another program (or another OnSite Provisioner window) has this scanner open.`,
        hint: 'Close the other program using the port (a serial terminal, another window of this app), then connect again.',
      };
    case 'permission':
      return {
        code: 'serial',
        message: `You do not have permission to open ${path}.`,
        hint:
          platform === 'linux'
            ? 'Add your user to the dialout group: run `sudo usermod -aG dialout $USER`, then log out and back in (the new group only applies to a new login).'
            : 'Check that no security tool blocks the port and that your account may use serial devices, then connect again.',
      };
    case 'missing':
      return {
        code: 'serial',
        message: `${path} is not there: the scanner is unplugged, or the path is wrong.`,
        hint: 'Plug the scanner in, check it is in USB serial (virtual COM) mode rather than keyboard mode, and pick its port from the list.',
      };
    case 'other':
      return { code: 'serial', message: `Could not use ${path}: ${detail}`, hint: 'Unplug the scanner, plug it back in, and connect again.' };
  }
}

import { describe, expect, it } from 'vitest';
import { listSerialPorts } from '../../electron/core/scanner/port-list';
import { describeSerialError, serialTrouble } from '../../electron/core/scanner/serial-errors';

describe('serial port list', () => {
  it('marks known scanner makers by USB vendor ID, lists them first, and flags the ports in use', async () => {
    const result = await listSerialPorts(new Set(['/dev/ttyACM1']), () =>
      Promise.resolve([
        { path: '/dev/ttyS0' },
        { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001', manufacturer: 'FTDI' },
        { path: '/dev/ttyACM1', vendorId: '0C2E', productId: '0B61' },
        { path: '/dev/ttyACM0', vendorId: '05e0', productId: '1701' },
      ]),
    );
    expect(result.listError).toBeUndefined();
    expect(result.ports.map((p) => [p.path, p.scannerMaker ?? null, p.connected])).toEqual([
      ['/dev/ttyACM0', 'Zebra (Symbol)', false],
      ['/dev/ttyACM1', 'Honeywell (Metrologic)', true],
      ['/dev/ttyS0', null, false],
      ['/dev/ttyUSB0', null, false],
    ]);
    expect(result.ports[1]).toMatchObject({ vendorId: '0c2e', productId: '0b61' });
  });

  it('turns a failed listing into a reason, never an exception', async () => {
    const result = await listSerialPorts(new Set(), () => Promise.reject(new Error('Error: spawn udevadm ENOENT')));
    expect(result.ports).toEqual([]);
    expect(result.listError).toContain('the udev tools (udevadm) are not installed');
  });
});

describe('serial errors', () => {
  it('recognises busy, permission and missing ports from Linux, macOS and Windows wording', () => {
    expect(serialTrouble(new Error('Error Resource temporarily unavailable Cannot lock port'))).toBe('busy');
    expect(serialTrouble(new Error('Opening COM3: Access denied'))).toBe('busy');
    expect(serialTrouble(new Error('Error: Permission denied, cannot open /dev/ttyACM0'))).toBe('permission');
    expect(serialTrouble(new Error('Error: No such file or directory, cannot open /dev/ttyACM9'))).toBe('missing');
    expect(serialTrouble(new Error('Opening COM9: File not found'))).toBe('missing');
    expect(serialTrouble(new Error('something else'))).toBe('other');
  });

  it('gives the dialout fix on Linux only', () => {
    const error = new Error('Error: Permission denied, cannot open /dev/ttyACM0');
    expect(describeSerialError(error, '/dev/ttyACM0', 'linux').hint).toContain('sudo usermod -aG dialout $USER');
    expect(describeSerialError(error, 'COM3', 'win32').hint).not.toContain('dialout');
  });
});

import { SerialPort } from 'serialport';
import type { SerialPortInfo } from '../../../shared/contract/scanner';

/** USB vendor IDs of barcode-scanner makers (usb.ids), lowercase hex. */
export const SCANNER_USB_VENDORS: Readonly<Record<string, string>> = {
  '0c2e': 'Honeywell (Metrologic)',
  '0536': 'Honeywell (Hand Held Products)',
  '05e0': 'Zebra (Symbol)',
  '05f9': 'Datalogic (PSC)',
  '1eab': 'Newland',
  '065a': 'Opticon',
};

/** A port as `SerialPort.list()` reports it (the fields we use). */
export interface RawPortInfo {
  readonly path: string;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
}

/** Lists the OS's serial ports; injectable so the failure path can be exercised. */
export type PortLister = () => Promise<readonly RawPortInfo[]>;

const defaultLister: PortLister = () => SerialPort.list();

/**
 * The serial ports, scanner makers marked and likely scanners first. `SerialPort.list()` spawns
 * `udevadm` on Linux and rejects where udev is missing (containers, minimal installs): that is
 * reported as `listError`, never thrown, since opening a port by its path still works.
 */
export async function listSerialPorts(connected: ReadonlySet<string>, lister: PortLister = defaultLister): Promise<{ ports: SerialPortInfo[]; listError?: string }> {
  let raw: readonly RawPortInfo[];
  try {
    raw = await lister();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const why = /udevadm/.test(detail) && /ENOENT/.test(detail) ? 'the udev tools (udevadm) are not installed' : detail;
    return { ports: [], listError: `The serial ports could not be listed (${why}). You can still connect by typing the port path, e.g. /dev/ttyACM0 or COM3.` };
  }
  const ports = raw.map((port): SerialPortInfo => {
    const vendorId = port.vendorId?.toLowerCase();
    const maker = vendorId ? SCANNER_USB_VENDORS[vendorId] : undefined;
    return {
      path: port.path,
      ...(port.manufacturer ? { manufacturer: port.manufacturer } : {}),
      ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}),
      ...(vendorId ? { vendorId } : {}),
      ...(port.productId ? { productId: port.productId.toLowerCase() } : {}),
      ...(maker ? { scannerMaker: maker } : {}),
      connected: connected.has(port.path),
    };
  });
  ports.sort((a, b) => Number(b.scannerMaker !== undefined) - Number(a.scannerMaker !== undefined) || a.path.localeCompare(b.path));
  return { ports };
}

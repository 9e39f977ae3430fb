import type { PartialHandlers } from '../dispatch';
import type { ScannerService } from './scanner-service';

/** Handlers for the `scanner:*` channels. */
export function scannerHandlers(
  service: ScannerService,
): PartialHandlers<'scanner:list-ports' | 'scanner:connect' | 'scanner:disconnect' | 'scanner:status' | 'scanner:get-wedge-settings' | 'scanner:save-wedge-settings'> {
  return {
    'scanner:list-ports': () => service.listPorts(),
    'scanner:connect': (input) => service.connect(input),
    'scanner:disconnect': async ({ path }) => ({ disconnected: await service.disconnect(path) }),
    'scanner:status': () => ({ ports: service.status() }),
    'scanner:get-wedge-settings': () => service.wedgeSettings,
    'scanner:save-wedge-settings': (settings) => service.saveWedgeSettings(settings),
  };
}

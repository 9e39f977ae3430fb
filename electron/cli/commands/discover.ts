import { parseArgs } from 'node:util';
import { AppFailure, type DiscoveredDevice, errorText } from '../../../shared/contract';
import { systemDiscoveryDeps, DiscoveryService } from '../../core/discovery/service';
import { EventHub } from '../../core/events';
import type { CliCommand, CliIo } from '../command';

/** A device as `onsite discover --json` prints it. */
export interface DiscoverJsonDevice {
  ip: string;
  mac: string;
  vendor: string | null;
  model?: string;
  firmware?: string;
  source: DiscoveredDevice['source'];
}

function toJson(device: DiscoveredDevice): DiscoverJsonDevice {
  return {
    ip: device.ip,
    mac: device.mac,
    vendor: device.vendor,
    ...(device.model !== null ? { model: device.model } : {}),
    ...(device.firmware !== null ? { firmware: device.firmware } : {}),
    source: device.source,
  };
}

function describe(device: DiscoveredDevice): string {
  const what = [device.vendor ?? 'unknown maker', device.model, device.firmware].filter(Boolean).join(' ');
  return `${device.ip.padEnd(15)}  ${device.mac}  ${what} (${device.source})`;
}

function table(devices: readonly DiscoveredDevice[]): string[] {
  const rows = [['IP', 'MAC', 'VENDOR', 'MODEL', 'FIRMWARE', 'SOURCE'], ...devices.map((d) => [d.ip, d.mac, d.vendor ?? '-', d.model ?? '-', d.firmware ?? '-', d.source])];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd());
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got ${text}`);
  return value;
}

function report(io: CliIo, error: unknown): number {
  if (!(error instanceof AppFailure)) throw error;
  io.err(`onsite discover: ${errorText(error, '\n')}`);
  return 2;
}

/** `onsite discover`: the LAN sweep and PnP listener of the app, on the command line. */
export const discoverCommand: CliCommand = {
  name: 'discover',
  usage: 'discover (--cidr CIDR | --interface NAME) [--pnp] [--timeout-ms N] [--json]',
  summary: 'Find phones on the LAN: sweep the neighbour table; with --pnp, also hear booting phones.',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        cidr: { type: 'string' },
        interface: { type: 'string' },
        pnp: { type: 'boolean', default: false },
        'timeout-ms': { type: 'string' },
        json: { type: 'boolean', default: false },
        rate: { type: 'string' },
        'confirm-large': { type: 'boolean', default: false },
      },
      strict: true,
    });
    const timeoutMs = positiveInt('--timeout-ms', values['timeout-ms']);
    const rate = positiveInt('--rate', values.rate);
    const hub = new EventHub();
    const deps = systemDiscoveryDeps((event, payload) => hub.emit(event, payload));
    const service = new DiscoveryService(rate === undefined ? deps : { ...deps, timing: { ratePerSecond: rate } });
    hub.subscribe((e) => {
      if (e.event === 'discovery:device') io.err(`+ ${describe(e.payload.device)}`);
      else if (e.event === 'discovery:progress' && e.payload.phase === 'listening') {
        io.err(`Sweep complete: ${e.payload.found} devices. Still listening for booting phones${timeoutMs ? '' : ' (Ctrl+C to stop)'}…`);
      }
    });
    let started;
    try {
      started = await service.start({ interface: values.interface, cidr: values.cidr, pnp: values.pnp, confirmLarge: values['confirm-large'], timeoutMs });
    } catch (error) {
      return report(io, error);
    }
    io.err(`Sweeping ${started.cidr} on ${started.interface} (${started.address}): ${started.hostCount} addresses.`);
    if (values.pnp) io.err(`PnP: ${errorText(started.pnp, '\n')}`);
    const stop = (): void => void service.cancel();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const finished = await service.whenFinished();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    const devices = service.devices().devices;
    if (values.json) io.out(JSON.stringify(devices.map(toJson)));
    else for (const line of table(devices)) io.out(line);
    io.err(finished?.message ?? 'Finished.');
    if (finished?.outcome === 'failed') return 1;
    return finished?.outcome === 'cancelled' ? 130 : 0;
  },
};

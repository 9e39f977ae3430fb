/**
 * Discovery on loopback, without root, with its OS parts fed through the real parsers: the service, sweep,
 * timing and UDP prober are the real ones (probes go to 127.0.0.x only); the neighbour table is a file in
 * `/proc/net/arp` format read by the Linux parser, and PnP datagrams are real-format SUBSCRIBEs handed to the
 * listener's callback after the SIP parser read them. Pass `parts` as the core option `discovery`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { NetInterface } from '../../shared/contract';
import { parseNeighbourTable } from '../../shared/domain/neighbour-table';
import { parsePnpSubscribe } from '../../shared/domain/sip-pnp';
import type { CoreOptions } from '../../electron/core/core';
import type { PnpListenerOptions } from '../../electron/core/discovery/pnp-listener';
import { ANNOUNCEMENTS } from './pnp-announcements';

/** The only interface discovery sees: loopback, as the default. */
export const LOOPBACK: NetInterface = { name: 'lo', address: '127.0.0.1', prefix: 8, subnet: '127.0.0.0/8', kind: 'loopback', hasDefaultRoute: false, isDefault: true };

const HEADER = 'IP address       HW type     Flags       HW address            Mask     Device\n';

/** One `/proc/net/arp` line on `lo` (flags `0x0`: an incomplete entry, which the parser skips). */
export function arpLine(ip: string, mac: string, flags = '0x2'): string {
  return `${ip.padEnd(17)}0x1         ${flags}         ${mac}     *        lo\n`;
}

/** The discovery parts, and the handles a test drives them with. */
export interface LoopbackDiscovery {
  readonly parts: NonNullable<CoreOptions['discovery']>;
  /** Replaces the neighbour table with these lines (see {@link arpLine}). */
  setTable(lines: readonly string[]): Promise<void>;
  /** A phone of `vendor` (a key of `ANNOUNCEMENTS`) announces itself while booting, as the PnP listener hears it. */
  announce(vendor: string, macHex: string, ip: string): void;
}

/** Discovery parts reading the neighbour table from `tablePath` (a file the test owns). */
export function loopbackDiscovery(tablePath: string): LoopbackDiscovery {
  let pnp: PnpListenerOptions | undefined;
  return {
    parts: {
      listInterfaces: () => Promise.resolve([LOOPBACK]),
      createReader: (scope) => async () => parseNeighbourTable('linux-proc', await readFile(tablePath, 'utf8').catch(() => HEADER), scope),
      startPnp: (options) => {
        pnp = options;
        return Promise.resolve({ status: { state: 'listening', message: 'Listening.' }, stop: () => Promise.resolve() });
      },
      // A loopback /28 is tiny: shorter waits keep a run under a second; the rules are the sweep's own.
      timing: { secondPassDelayMs: 50, retryCoverMs: 150, quietMs: 50 },
    },
    setTable: (lines) => writeFile(tablePath, HEADER + lines.join('')),
    announce: (vendor, macHex, ip) => {
      if (!pnp) throw new Error('the PnP listener is not running: start discovery with PnP first');
      const make = ANNOUNCEMENTS[vendor];
      if (!make) throw new Error(`no announcement for ${vendor}`);
      const { text } = make(macHex, ip);
      pnp.onMessage(parsePnpSubscribe(text, ip), { address: ip, port: 5060, family: 'IPv4', size: text.length });
    },
  };
}

/**
 * Who holds a UDP port: the parser for Linux `/proc/net/udp` (socket → inode), and the words the technician
 * sees when the PnP port 5060 is taken.
 */
import { formatIpv4 } from './cidr';

/** One bound UDP socket from `/proc/net/udp`. */
export interface UdpSocketRow {
  readonly address: string;
  readonly port: number;
  readonly uid: number;
  readonly inode: number;
}

/**
 * Parses Linux `/proc/net/udp` or `/proc/net/udp6` (`sl local_address rem_address st … uid timeout inode …`).
 * IPv4 addresses are hex in host byte order (`0100007F:13C4` is 127.0.0.1:5060 on little-endian machines),
 * ports are big-endian hex; IPv6 sockets are reported with the address `IPv6`.
 */
export function parseProcNetUdp(text: string, littleEndian = true): UdpSocketRow[] {
  const rows: UdpSocketRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    const uid = cols[7];
    const inode = cols[9];
    const match = /^([0-9A-F]{8}|[0-9A-F]{32}):([0-9A-F]{4})$/i.exec(local ?? '');
    if (!match || uid === undefined || inode === undefined) continue;
    const hex = match[1] ?? '';
    let address = 'IPv6';
    if (hex.length === 8) {
      let raw = Number.parseInt(hex, 16);
      if (littleEndian) raw = (((raw & 0xff) << 24) | ((raw & 0xff00) << 8) | ((raw >>> 8) & 0xff00) | (raw >>> 24)) >>> 0;
      address = formatIpv4(raw);
    }
    rows.push({ address, port: Number.parseInt(match[2] ?? '', 16), uid: Number(uid), inode: Number(inode) });
  }
  return rows;
}

/** A process found holding the port (Linux, when /proc lets us see it). */
export interface PortHolder {
  readonly pid: number;
  /** Short program name (`/proc/<pid>/comm`). */
  readonly command: string;
}

/** Programs that usually sit on SIP port 5060 on a technician's laptop. */
export const USUAL_5060_HOLDERS = 'a softphone (MicroSIP, Zoiper, Linphone, 3CX app, Bria), a local PBX (3CX, Asterisk, FreeSWITCH) or another provisioning tool';

/** The message and hint for "UDP port `port` is taken", naming the holder when it is known. */
export function portTakenMessage(port: number, holders: readonly PortHolder[]): { message: string; hint: string } {
  const named = holders.map((h) => `"${h.command}" (process ${h.pid})`);
  const who = named.length > 0 ? `${named.join(' and ')}` : `another program, probably ${USUAL_5060_HOLDERS}`;
  return {
    message: `UDP port ${port} is in use by ${who}, so booting phones' PnP announcements cannot be heard. The sweep still works.`,
    hint: `Close ${named.length > 0 ? named.join(' and ') : 'that program'} (or stop it listening on port ${port}) and start discovery again to hear booting phones.`,
  };
}

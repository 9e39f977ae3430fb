import { readFile, readdir, readlink } from 'node:fs/promises';
import { endianness } from 'node:os';
import { type PortHolder, parseProcNetUdp } from '../../../shared/domain/udp-port-holder';

/** Finds the processes holding a UDP port; an empty list when that cannot be told. */
export type PortHolderFinder = (port: number) => Promise<PortHolder[]>;

async function socketInodes(port: number): Promise<Set<number>> {
  const inodes = new Set<number>();
  const littleEndian = endianness() === 'LE';
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const row of parseProcNetUdp(text, littleEndian)) if (row.port === port && row.inode !== 0) inodes.add(row.inode);
  }
  return inodes;
}

/**
 * Linux: the socket's inode from /proc/net/udp{,6}, then the process whose /proc/<pid>/fd links to
 * `socket:[inode]`. Only processes we may inspect are found (all of them as root, our own otherwise);
 * other platforms get an empty list and the message names the usual suspects instead.
 */
export const findUdpPortHolders: PortHolderFinder = async (port) => {
  if (process.platform !== 'linux') return [];
  const inodes = await socketInodes(port);
  if (inodes.size === 0) return [];
  const wanted = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  const holders: PortHolder[] = [];
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (!wanted.has(target)) continue;
      const command = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim();
      holders.push({ pid: Number(pid), command });
      break;
    }
  }
  return holders;
};

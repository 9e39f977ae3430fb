import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { type NeighbourEntry, type NeighbourTableFormat, parseNeighbourTable } from '../../../shared/domain/neighbour-table';

/** Reads the OS neighbour table: the resolved rows of one interface. Rejects with a message for people. */
export type NeighbourReader = () => Promise<NeighbourEntry[]>;

/** The interface whose rows are wanted: its OS name and its IPv4 address (Windows groups rows by address). */
export interface NeighbourScope {
  readonly device: string;
  readonly address: string;
}

/** How each OS exposes its table without root: a file on Linux, the `arp` tool elsewhere. */
export function tableFormat(platform: NodeJS.Platform): NeighbourTableFormat {
  if (platform === 'linux') return 'linux-proc';
  if (platform === 'win32') return 'windows-arp';
  return 'macos-arp';
}

function runArp(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: 5_000, windowsHide: true, maxBuffer: 8 * 1024 * 1024 }, (error, stdout) => {
      if (!error) resolve(stdout);
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error(`The system tool "${command}" is missing, so the neighbour table cannot be read.`));
      else reject(new Error(`"${command} ${args.join(' ')}" failed: ${error.message}`));
    });
  });
}

/**
 * A reader for this OS. Linux reads `/proc/net/arp` (a file read, no process, cheap enough to poll every
 * 50 ms); macOS runs `arp -an` (`-n`: no reverse DNS, which is slow); Windows runs `arp -a`, whose headers
 * are localised, so rows are picked by the interface's address.
 */
export function createNeighbourReader(scope: NeighbourScope, platform: NodeJS.Platform = process.platform): NeighbourReader {
  const format = tableFormat(platform);
  const readText = async (): Promise<string> => {
    switch (format) {
      case 'linux-proc':
        try {
          return await readFile('/proc/net/arp', 'utf8');
        } catch (error) {
          throw new Error(`/proc/net/arp cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      case 'macos-arp':
        return runArp('/usr/sbin/arp', ['-an']);
      case 'windows-arp':
        return runArp('arp', ['-a']);
    }
  };
  return async () => parseNeighbourTable(format, await readText(), scope);
}

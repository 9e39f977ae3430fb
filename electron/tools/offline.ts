import { spawnSync } from 'node:child_process';

/**
 * Wraps a command so it runs without network where the machine allows it (`unshare -n` needs root): tools
 * that reach for the network (electronegativity's update checks, electron-builder's downloads) then fail
 * fast and visibly instead of hanging or fetching something. Returns the command and whether it is isolated.
 */
export function offline(command: string, args: readonly string[]): { command: string; args: string[]; isolated: boolean } {
  const canIsolate = process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;
  return canIsolate ? { command: 'unshare', args: ['-n', command, ...args], isolated: true } : { command, args: [...args], isolated: false };
}

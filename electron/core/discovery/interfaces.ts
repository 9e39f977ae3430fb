import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import type { NetInterface } from '../../../shared/contract';
import { blockOf, formatCidr, parseIpv4 } from '../../../shared/domain/cidr';
import {
  type InterfaceFacts,
  chooseDefaultInterface,
  interfaceKind,
  parseHardwarePorts,
  parseProcNetRoute,
  parseRouteGetInterface,
} from '../../../shared/domain/net-interfaces';

/** Where interface facts come from; tests pass fixed answers. */
export interface InterfaceSources {
  readonly platform: NodeJS.Platform;
  networkInterfaces(): NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** Reads a small text file (/proc, /sys); undefined when it cannot be read. */
  readText(path: string): string | undefined;
  exists(path: string): boolean;
  /** Runs a command and returns its stdout; undefined on any failure (missing tool, timeout). */
  run(command: string, args: readonly string[]): Promise<string | undefined>;
}

/** The real sources: `os.networkInterfaces()`, /proc and /sys on Linux, `networksetup`/`route` on macOS. */
export function systemInterfaceSources(): InterfaceSources {
  return {
    platform: process.platform,
    networkInterfaces,
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: existsSync,
    run: (command, args) =>
      new Promise((resolve) => {
        execFile(command, [...args], { timeout: 3_000, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout));
      }),
  };
}

async function platformFacts(sources: InterfaceSources, names: readonly string[]): Promise<{ facts: Map<string, InterfaceFacts>; defaultRoute: Set<string> }> {
  const facts = new Map<string, InterfaceFacts>();
  const defaultRoute = new Set<string>();
  if (sources.platform === 'linux') {
    for (const name of names) {
      const sys = `/sys/class/net/${name}`;
      if (!sources.exists(sys)) continue;
      facts.set(name, { wireless: sources.exists(`${sys}/wireless`) || sources.exists(`${sys}/phy80211`), hasDevice: sources.exists(`${sys}/device`) });
    }
    for (const name of parseProcNetRoute(sources.readText('/proc/net/route') ?? '')) defaultRoute.add(name);
  } else if (sources.platform === 'darwin') {
    const [ports, route] = await Promise.all([
      sources.run('/usr/sbin/networksetup', ['-listallhardwareports']),
      sources.run('/sbin/route', ['-n', 'get', 'default']),
    ]);
    for (const [device, port] of parseHardwarePorts(ports ?? '')) facts.set(device, { hardwarePort: port });
    const routed = parseRouteGetInterface(route ?? '');
    if (routed) defaultRoute.add(routed);
  }
  return { facts, defaultRoute };
}

function prefixOf(info: NetworkInterfaceInfo): number | null {
  const fromCidr = info.cidr ? Number(info.cidr.split('/')[1]) : Number.NaN;
  if (Number.isInteger(fromCidr)) return fromCidr;
  const mask = parseIpv4(info.netmask);
  if (mask === null) return null;
  const bits = mask.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) return null;
  const firstZero = bits.indexOf('0');
  return firstZero === -1 ? 32 : firstZero;
}

/**
 * Lists every IPv4 address of every interface, with a kind hint and the default choice marked (the wired
 * interface holding the default route; see {@link chooseDefaultInterface}). Loopback is listed last.
 */
export async function listInterfaces(sources: InterfaceSources = systemInterfaceSources()): Promise<NetInterface[]> {
  const all = sources.networkInterfaces();
  const names = Object.keys(all);
  const { facts, defaultRoute } = await platformFacts(sources, names);
  const list: Omit<NetInterface, 'isDefault'>[] = [];
  for (const name of names) {
    for (const info of all[name] ?? []) {
      // Node 18.0–18.3 reported the family as a number.
      if (info.family !== 'IPv4' && (info.family as unknown) !== 4) continue;
      const address = parseIpv4(info.address);
      const prefix = prefixOf(info);
      if (address === null || prefix === null) continue;
      list.push({
        name,
        address: info.address,
        prefix,
        subnet: formatCidr(blockOf(address, prefix)),
        kind: interfaceKind(name, { internal: info.internal, ...facts.get(name) }),
        hasDefaultRoute: defaultRoute.has(name),
      });
    }
  }
  list.sort((a, b) => Number(a.kind === 'loopback') - Number(b.kind === 'loopback'));
  const chosen = chooseDefaultInterface(list);
  return list.map((item) => ({ ...item, isDefault: item === chosen }));
}

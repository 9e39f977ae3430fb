/**
 * Pure helpers for the interface picker: a kind hint from the interface name and OS facts, the default
 * choice, and parsers for the small OS outputs the core reads (Linux /proc/net/route, macOS networksetup).
 */
import type { INTERFACE_KINDS } from '../contract/discovery';

/** An interface kind hint. */
export type InterfaceKind = (typeof INTERFACE_KINDS)[number];

/** What the OS told us about an interface beyond its name; each is unknown (undefined) where not cheap to learn. */
export interface InterfaceFacts {
  readonly internal?: boolean;
  /** Linux: /sys/class/net/X/wireless exists. */
  readonly wireless?: boolean;
  /** Linux: /sys/class/net/X/device exists (a real NIC, not a bridge, veth or tunnel). */
  readonly hasDevice?: boolean;
  /** macOS: the hardware port name from `networksetup -listallhardwareports` (`Wi-Fi`, `USB 10/100/1000 LAN`). */
  readonly hardwarePort?: string;
}

const VPN = /^(tun|tap|wg|utun|ppp|ipsec|gpd|zt|tailscale|nordlynx|cscotun|vpn)|vpn|wireguard|anyconnect|fortinet|globalprotect|tailscale|zerotier|tap-windows|wintun/i;
const VIRTUAL = /^(docker|br-|virbr|veth|vmnet|vboxnet|lxc|lxd|cni|flannel|cali|kube|podman|bridge|awdl|llw|anpi|vethernet)|hyper-v|virtualbox|vmware|loopback pseudo| bridge$/i;
const WIFI = /^(wl|ath\d|ra\d)|wi-?fi|wlan|wireless|drahtlos/i;
const WIRED = /^(eth|en[opsx]|em\d|usb)|ethernet|lan-verbindung|local area connection|(^| )lan( |$)|thunderbolt/i;

/** A kind hint for an interface, from OS facts first (they are exact) and the name second. */
export function interfaceKind(name: string, facts: InterfaceFacts = {}): InterfaceKind {
  if (facts.internal === true || /^lo\d*$/.test(name)) return 'loopback';
  if (VPN.test(name)) return 'vpn';
  if (facts.wireless === true) return 'wifi';
  if (facts.hardwarePort !== undefined) {
    if (WIFI.test(facts.hardwarePort)) return 'wifi';
    if (VIRTUAL.test(facts.hardwarePort)) return 'virtual';
    return 'wired';
  }
  if (facts.hasDevice === false) return 'virtual';
  if (VIRTUAL.test(name)) return 'virtual';
  if (WIFI.test(name)) return 'wifi';
  if (/^en\d+$/.test(name)) return 'unknown'; // macOS without networksetup: en0 may be Wi-Fi or Ethernet
  if (WIRED.test(name) || facts.hasDevice === true) return 'wired';
  return 'unknown';
}

/** The fields the default choice looks at. */
export interface DefaultCandidate {
  readonly name: string;
  readonly kind: InterfaceKind;
  readonly hasDefaultRoute: boolean;
}

/**
 * The interface to sweep when the technician picks none: the wired one holding the default route, else any
 * LAN interface holding it (Wi-Fi), else the first wired, Wi-Fi, then other non-VPN interface. A VPN holding
 * the default route is passed over: phones are never reached through it.
 */
export function chooseDefaultInterface<T extends DefaultCandidate>(list: readonly T[]): T | undefined {
  const lan = list.filter((i) => i.kind !== 'loopback' && i.kind !== 'vpn');
  return (
    lan.find((i) => i.kind === 'wired' && i.hasDefaultRoute) ??
    lan.find((i) => i.hasDefaultRoute && i.kind !== 'virtual') ??
    lan.find((i) => i.kind === 'wired') ??
    lan.find((i) => i.kind === 'wifi') ??
    lan.find((i) => i.kind === 'unknown') ??
    lan[0]
  );
}

/**
 * Names of interfaces holding an IPv4 default route, from Linux `/proc/net/route`
 * (columns: Iface Destination Gateway Flags RefCnt Use Metric Mask …; hex, host byte order), lowest metric first.
 */
export function parseProcNetRoute(text: string): string[] {
  const routes: { iface: string; metric: number }[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const [iface, destination, , flags, , , metric, mask] = cols;
    if (iface === undefined || mask === undefined || flags === undefined) continue;
    const up = (Number.parseInt(flags, 16) & 1) === 1;
    if (up && Number.parseInt(destination ?? '', 16) === 0 && Number.parseInt(mask, 16) === 0) {
      routes.push({ iface, metric: Number.parseInt(metric ?? '0', 10) || 0 });
    }
  }
  return [...new Set(routes.sort((a, b) => a.metric - b.metric).map((r) => r.iface))];
}

/** Device → hardware port name, from macOS `networksetup -listallhardwareports`. */
export function parseHardwarePorts(text: string): Map<string, string> {
  const ports = new Map<string, string>();
  let port: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const portMatch = /^Hardware Port:\s*(.+)$/.exec(line.trim());
    if (portMatch) port = portMatch[1];
    const deviceMatch = /^Device:\s*(\S+)$/.exec(line.trim());
    if (deviceMatch?.[1] && port !== undefined) ports.set(deviceMatch[1], port);
  }
  return ports;
}

/** The interface of the default route from macOS `route -n get default` (`interface: en7`). */
export function parseRouteGetInterface(text: string): string | undefined {
  return /^\s*interface:\s*(\S+)\s*$/m.exec(text)?.[1];
}

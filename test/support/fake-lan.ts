/**
 * A fake LAN in network namespaces (root): one bridge namespace, one technician namespace and one namespace per
 * host, each host with a MAC from a real vendor OUI. Nothing is created in the root namespace and every name
 * starts with the caller's prefix (which must start with `osp-d`), so teardown can find and delete leftovers.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';

/** One host on the fake LAN. */
export interface LanHost {
  readonly ns: string;
  readonly ip: string;
  readonly mac: string;
  /** The vendor a correct OUI lookup gives (phone table or IEEE registrant): written by hand so a wrong table is caught. */
  readonly vendor: string;
  readonly phone: boolean;
  /** `arp-off`: the interface is up but ignores ARP; `no-address`: up with no IPv4 address. Both never answer. */
  readonly silent: false | 'arp-off' | 'no-address';
}

/** Vendor OUIs used for hosts (IEEE registrations, see the reference's §3.2), with the vendor each must show as. */
export const PHONE_OUIS: readonly { oui: string; vendor: string }[] = [
  { oui: '80:5e:c0', vendor: 'Yealink' },
  { oui: '00:15:65', vendor: 'Yealink' },
  { oui: '24:9a:d8', vendor: 'Yealink' },
  { oui: '0c:38:3e', vendor: 'Fanvil' },
  { oui: 'c0:74:ad', vendor: 'Grandstream' },
  { oui: '00:0b:82', vendor: 'Grandstream' },
  { oui: '00:04:13', vendor: 'Snom' },
  { oui: '00:1f:c1', vendor: 'Htek' },
  { oui: '7c:2f:80', vendor: 'Gigaset' },
  { oui: '00:90:8f', vendor: 'AudioCodes' },
];

/** Non-phone OUIs, with the IEEE registrant each must show as. */
export const OTHER_OUIS: readonly { oui: string; vendor: string }[] = [
  { oui: 'b8:27:eb', vendor: 'Raspberry Pi Foundation' },
  { oui: 'dc:a6:32', vendor: 'Raspberry Pi Trading Ltd' },
  { oui: 'f8:bc:12', vendor: 'Dell Inc.' },
  { oui: '3c:d9:2b', vendor: 'Hewlett Packard' },
  { oui: '00:1b:21', vendor: 'Intel Corporate' },
  { oui: '3c:5a:b4', vendor: 'Google, Inc.' },
  { oui: '24:a4:3c', vendor: 'Ubiquiti Inc' },
  { oui: 'a4:83:e7', vendor: 'Apple, Inc.' },
  { oui: '00:50:56', vendor: 'VMware, Inc.' },
  { oui: '00:0c:29', vendor: 'VMware, Inc.' },
];

/** What to build. */
export interface FakeLanOptions {
  /** Starts with `osp-d`; at most 7 characters so every name stays within the 15-character limit. */
  readonly prefix: string;
  /** The third octet of 10.77.X.0/24. */
  readonly net: number;
  readonly phones: number;
  readonly others: number;
  /** How many of the phones never answer (half ARP off, half without an address). */
  readonly silentPhones: number;
}

/** A built fake LAN. */
export interface FakeLan {
  readonly prefix: string;
  readonly subnet: string;
  readonly techNs: string;
  /** The technician's interface name inside its namespace. */
  readonly techIf: string;
  readonly techIp: string;
  readonly hosts: readonly LanHost[];
  /** Hosts that answer ARP. */
  readonly answering: readonly LanHost[];
  /** Empties the technician's neighbour table, so the next sweep starts from nothing. */
  flushNeighbours(): void;
  /** `ip -j neigh` in the technician namespace: every entry, whatever its state. */
  neighbours(): { dst: string; state: string[] }[];
  teardown(): void;
}

/** Runs a bash script; background jobs must all succeed too (a bare `wait` would hide their failures). */
function sh(script: string): void {
  const run = spawnSync('bash', ['-c', `set -e\n${script}\nfor job in $(jobs -p); do wait $job; done`], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.status !== 0) throw new Error(`fake LAN setup failed (exit ${run.status}): ${run.stderr.slice(0, 2000)}`);
}

/** Deletes every namespace whose name starts with `prefix`. */
export function deleteNamespaces(prefix: string): void {
  if (!prefix.startsWith('osp-d')) throw new Error(`refusing to delete namespaces outside osp-d*: ${prefix}`);
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  const names = list.split('\n').map((line) => line.split(' ')[0] ?? '').filter((name) => name.startsWith(`${prefix}-`));
  if (names.length > 0) sh(names.map((name) => `ip netns del ${name}`).join('\n'));
}

function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}

function planHosts(options: FakeLanOptions): LanHost[] {
  const hosts: LanHost[] = [];
  const total = options.phones + options.others;
  for (let i = 0; i < total; i += 1) {
    const phone = i < options.phones;
    const oui = phone ? PHONE_OUIS[i % PHONE_OUIS.length]! : OTHER_OUIS[(i - options.phones) % OTHER_OUIS.length]!;
    const silentIndex = options.phones - options.silentPhones;
    const silent = phone && i >= silentIndex ? ((i - silentIndex) % 2 === 0 ? 'arp-off' : 'no-address') : false;
    hosts.push({
      ns: `${options.prefix}-h${hex2(i)}`,
      // Spread over the /24 with gaps, as on a real site; never .0, .1 (technician) or .255.
      ip: `10.77.${options.net}.${10 + i * 4}`,
      mac: `${oui.oui}:${hex2(options.net)}:${hex2(i >> 8)}:${hex2(i & 255)}`,
      vendor: oui.vendor,
      phone,
      silent,
    });
  }
  return hosts;
}

/** Builds the LAN (deleting leftovers with the same prefix first). Takes well under a second for ~55 namespaces. */
export function buildFakeLan(options: FakeLanOptions): FakeLan {
  const { prefix, net } = options;
  if (!/^osp-d[a-z0-9]{0,2}$/.test(prefix)) throw new Error(`prefix must be osp-d plus up to 2 characters, got ${prefix}`);
  deleteNamespaces(prefix);
  const lan = `${prefix}-lan`;
  const techNs = `${prefix}-tech`;
  const bridge = `${prefix}-br`;
  const techIf = `${prefix}-e0`;
  const techIp = `10.77.${net}.1`;
  const hosts = planHosts(options);
  // Three steps, batched, because each `ip` process costs ~8 ms: every namespace in one `ip -batch`, every
  // link from the bridge namespace in one more, then each namespace's own settings (address, MAC, up), in parallel.
  const netnsAdd = [lan, techNs, ...hosts.map((h) => h.ns)].map((ns) => `netns add ${ns}`);
  const links = [
    `link add ${bridge} type bridge`,
    `link set ${bridge} up`,
    `link add ${prefix}-vt type veth peer name ${techIf} netns ${techNs}`,
    `link set ${prefix}-vt master ${bridge} up`,
  ];
  const inside = new Map<string, string[]>([[techNs, ['link set lo up', `addr add ${techIp}/24 dev ${techIf}`, `link set ${techIf} up`]]]);
  hosts.forEach((host, i) => {
    const outer = `${prefix}-v${hex2(i)}`;
    links.push(`link add ${outer} type veth peer name ${techIf} address ${host.mac} netns ${host.ns}`, `link set ${outer} master ${bridge} up`);
    const own: string[] = [];
    if (host.silent !== 'no-address') own.push(`addr add ${host.ip}/24 dev ${techIf}`);
    if (host.silent === 'arp-off') own.push(`link set ${techIf} arp off`);
    own.push(`link set ${techIf} up`);
    inside.set(host.ns, own);
  });
  const batch = (ns: string | null, commands: readonly string[], background = false): string =>
    `ip ${ns === null ? '' : `-n ${ns} `}-batch - <<'EOF'${background ? ' &' : ''}\n${commands.join('\n')}\nEOF`;
  const lines = [batch(null, netnsAdd), batch(lan, links), ...[...inside].map(([ns, commands]) => batch(ns, commands, true))];
  try {
    sh(lines.join('\n'));
  } catch (error) {
    deleteNamespaces(prefix);
    throw error;
  }
  return {
    prefix,
    subnet: `10.77.${net}.0/24`,
    techNs,
    techIf,
    techIp,
    hosts,
    answering: hosts.filter((h) => h.silent === false),
    flushNeighbours: () => sh(`ip -n ${techNs} neigh flush all`),
    neighbours: () => JSON.parse(execFileSync('ip', ['-n', techNs, '-j', 'neigh', 'show'], { encoding: 'utf8' }) || '[]') as { dst: string; state: string[] }[],
    teardown: () => {
      killNamespaceProcesses();
      deleteNamespaces(prefix);
    },
  };
}

/** Sends one UDP datagram from inside `ns`, as a booting phone does: multicast, TTL 1, the phone's interface set. */
export function sendFromNamespace(ns: string, fromIp: string, to: { address: string; port: number }, payload: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', [
      'netns',
      'exec',
      ns,
      'socat',
      '-u',
      'STDIN',
      `UDP4-DATAGRAM:${to.address}:${to.port},sourceport=5060,ip-multicast-if=${fromIp},ip-multicast-ttl=1`,
    ], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`socat in ${ns} exited ${code}: ${stderr}`))));
    child.stdin.end(payload);
  });
}

/** The repository root, where `electron/cli/onsite.js` lives. */
const REPO = new URL('../../', import.meta.url).pathname;
/** Drops root inside the namespace: the app must work as an ordinary user. */
export const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

let repoReadable: boolean | undefined;

/**
 * `command` run as nobody from the checkout. A clone inside a private folder (`mktemp -d` makes them mode 0700)
 * is out of an ordinary user's reach however readable the clone itself is; then the checkout is bind-mounted on
 * /mnt first, inside the mount namespace `ip netns exec` gives every command, so the mount ends with the command.
 */
function fromCheckoutAsNobody(command: readonly string[]): string[] {
  repoReadable ??= spawnSync(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), 'test', '-r', `${REPO}electron/cli/onsite.js`]).status === 0;
  if (repoReadable) return [...AS_NOBODY, ...command];
  return ['sh', '-c', 'mount --bind "$0" /mnt && cd /mnt && exec "$@"', REPO, ...AS_NOBODY, ...command];
}

/** A process running inside a namespace, with its output collected as it arrives. */
export interface NamespaceProcess {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr matches (rejects if the process exits first). */
  waitForStderr(pattern: RegExp): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  signal(name: NodeJS.Signals): void;
}

/** Processes started in namespaces and not yet exited: teardown kills them, so a failed test leaves nothing running. */
const running = new Set<{ kill: () => void }>();

/** Kills every process {@link spawnInNamespace} started that is still running. */
export function killNamespaceProcesses(): void {
  for (const child of running) child.kill();
  running.clear();
}

/** Starts `command` inside `ns` (as nobody unless `asRoot`). */
export function spawnInNamespace(ns: string, command: readonly string[], options: { asRoot?: boolean } = {}): NamespaceProcess {
  const child = spawn('ip', ['netns', 'exec', ns, ...(options.asRoot ? command : fromCheckoutAsNobody(command))], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const check of waiters) check();
  });
  const handle = { kill: () => child.kill('SIGKILL') };
  running.add(handle);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      running.delete(handle);
      resolve(code);
    }),
  );
  return {
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!pattern.test(err)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
        void exited.then((code) => {
          if (waiters.delete(check)) reject(new Error(`exited (${code}) before stderr matched ${pattern}:\n${err}`));
        });
      }),
    exited,
    signal: (name) => child.kill(name),
  };
}

/** Runs `onsite …` inside `ns` (as nobody) through the real CLI entry point. */
export function onsiteInNamespace(ns: string, args: readonly string[]): NamespaceProcess {
  return spawnInNamespace(ns, [process.execPath, 'electron/cli/onsite.js', ...args]);
}

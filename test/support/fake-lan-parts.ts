import type { NeighbourEntry } from '../../shared/domain/neighbour-table';
import type { NeighbourReader } from '../../electron/core/discovery/neighbour-reader';
import type { Prober } from '../../electron/core/discovery/prober';
import type { FakeClock } from './fake-clock';

/** A host the fake network answers for: its MAC, and how long after a probe its ARP reply lands in the table. */
export interface FakeHost {
  readonly mac: string;
  readonly delayMs?: number;
}

/**
 * A prober and neighbour table driven by a fake clock: a host appears in the table `delayMs` after its first
 * probe, as the OS's table does; probes to `refuse` fail with that error code (the first time only, when `once`).
 */
export function fakeNetwork(clock: FakeClock, hosts: ReadonlyMap<string, FakeHost>, options: { refuse?: ReadonlyMap<string, string>; refuseOnce?: boolean; extraRows?: NeighbourEntry[] } = {}) {
  const probes: { ip: string; at: number }[] = [];
  const firstProbe = new Map<string, number>();
  const refusedOnce = new Set<string>();
  let reads = 0;
  let closed = false;
  const prober: Prober = {
    send: (ip) => {
      probes.push({ ip, at: clock.now() });
      const code = options.refuse?.get(ip);
      if (code && !(options.refuseOnce && refusedOnce.has(ip))) {
        refusedOnce.add(ip);
        return Promise.resolve(code);
      }
      if (!firstProbe.has(ip)) firstProbe.set(ip, clock.now());
      return Promise.resolve(null);
    },
    close: () => {
      closed = true;
    },
  };
  const readTable: NeighbourReader = () => {
    reads += 1;
    const rows: NeighbourEntry[] = [...(options.extraRows ?? [])];
    for (const [ip, host] of hosts) {
      const sent = firstProbe.get(ip);
      if (sent !== undefined && clock.now() >= sent + (host.delayMs ?? 2)) rows.push({ ip, mac: host.mac });
    }
    return Promise.resolve(rows);
  };
  return { prober, readTable, probes, reads: () => reads, closed: () => closed };
}

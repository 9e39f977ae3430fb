/**
 * One timed discovery run, for the benchmark: started inside the fake LAN's technician namespace as an
 * ordinary user. Prints one JSON line: time to the first phone shown and to the complete result, from start().
 */
import { performance } from 'node:perf_hooks';
import { DiscoveryService, systemDiscoveryDeps } from '../../electron/core/discovery/service';

const cidr = process.argv[2];
if (!cidr) throw new Error('usage: discovery-probe.ts CIDR');
let firstPhoneMs: number | null = null;
let started = 0;
const service = new DiscoveryService(
  systemDiscoveryDeps((event, payload) => {
    if (event === 'discovery:device' && firstPhoneMs === null && (payload as { device: { isPhone: boolean } }).device.isPhone) {
      firstPhoneMs = performance.now() - started;
    }
  }),
);
// As the screen does when it opens: lists interfaces and loads the maker registry, outside the timed run
// (start() would otherwise load it itself, before its first probe).
await service.interfaces();
service.prepare();
started = performance.now();
await service.start({ cidr, pnp: false, confirmLarge: false });
const finished = await service.whenFinished();
const completeMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ completeMs, firstPhoneMs, devices: finished?.devices ?? 0, outcome: finished?.outcome })}\n`);

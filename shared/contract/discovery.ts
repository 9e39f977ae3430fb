import { z } from 'zod';
import { event, request } from './define';

/** What kind of link an interface probably is; a hint for the picker, from names and the OS. */
export const INTERFACE_KINDS = ['wired', 'wifi', 'vpn', 'virtual', 'loopback', 'unknown'] as const;

/** One IPv4 address of a network interface the sweep can use. */
export const netInterfaceSchema = z.object({
  /** OS name (`eth0`, `en7`, `Ethernet 2`). */
  name: z.string(),
  address: z.string(),
  prefix: z.number().int().min(0).max(32),
  /** The subnet the address sits in, e.g. `192.168.1.0/24`. */
  subnet: z.string(),
  kind: z.enum(INTERFACE_KINDS),
  /** True when this interface carries the default route. */
  hasDefaultRoute: z.boolean(),
  /** True for the interface the app picks when the technician picks none. */
  isDefault: z.boolean(),
});

/** An interface as the picker shows it. */
export type NetInterface = z.infer<typeof netInterfaceSchema>;

/** Where a device was seen: the neighbour-table sweep, a PnP announcement, or both. */
export const deviceSourceSchema = z.enum(['sweep', 'pnp', 'both']);

/** One device found on the LAN, keyed by MAC. */
export const discoveredDeviceSchema = z.object({
  /** Canonical MAC, `80:5e:c0:12:34:56`. */
  mac: z.string(),
  ip: z.string(),
  /** Vendor by OUI when the OUI is a known phone vendor, else the vendor the phone announced, else null. */
  vendor: z.string().nullable(),
  /** True for a phone-vendor OUI or a PnP announcement: these are listed first. */
  isPhone: z.boolean(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  source: deviceSourceSchema,
  firstSeen: z.string(),
  lastSeen: z.string(),
});

/** A discovered device. */
export type DiscoveredDevice = z.infer<typeof discoveredDeviceSchema>;

/** What the passive PnP listener is doing, with a sentence for the technician. */
export const pnpStatusSchema = z.object({
  state: z.enum(['off', 'listening', 'unavailable', 'stopped']),
  message: z.string(),
  /** What the technician can do, e.g. close the softphone holding port 5060. */
  hint: z.string().optional(),
});

/** The PnP listener's state. */
export type PnpStatus = z.infer<typeof pnpStatusSchema>;

/** Phases of a discovery run, in order. `listening` follows a complete sweep while PnP stays on. */
export const DISCOVERY_PHASES = ['sweep', 'second-pass', 'settling', 'listening'] as const;

/** Progress of a run. */
export const discoveryProgressSchema = z.object({
  scanId: z.string(),
  phase: z.enum(DISCOVERY_PHASES),
  /** Probes sent so far in the first pass, and how many it has. */
  sent: z.number().int().min(0),
  total: z.number().int().min(0),
  /** Devices in the list so far. */
  found: z.number().int().min(0),
  elapsedMs: z.number().min(0),
});

/** Progress of a run. */
export type DiscoveryProgress = z.infer<typeof discoveryProgressSchema>;

/**
 * How a run ended: `complete` (the sweep finished; listening, if on, was stopped or timed out), `timeout`
 * (the deadline cut the sweep short: the list may miss late hosts), `cancelled`, or `failed` (see message).
 */
export const discoveryOutcomeSchema = z.enum(['complete', 'timeout', 'cancelled', 'failed']);

/** The end of a run. */
export const discoveryFinishedSchema = z.object({
  scanId: z.string(),
  outcome: discoveryOutcomeSchema,
  message: z.string(),
  devices: z.number().int().min(0),
  phones: z.number().int().min(0),
  durationMs: z.number().min(0),
  /** Time from start to the complete sweep result; null when the sweep did not complete. */
  sweepMs: z.number().min(0).nullable(),
  pnp: pnpStatusSchema,
});

/** The end of a run. */
export type DiscoveryFinished = z.infer<typeof discoveryFinishedSchema>;

/** Told to the technician whenever PnP listening is on. */
export const PNP_BOOT_HINT =
  'Phones announce themselves only while booting: plug in or power-cycle the phones now. Phones already running stay silent (the sweep still finds them).';

/** Requests of the discovery domain. */
export const discoveryRequests = {
  'discovery:interfaces': request({
    summary: 'Lists the IPv4 interfaces the sweep can use, with a kind hint and the default choice.',
    input: z.object({}).strict(),
    output: z.object({ interfaces: z.array(netInterfaceSchema), defaultName: z.string().nullable() }),
  }),
  'discovery:start': request({
    summary:
      'Starts a run: sweeps the interface subnet or a CIDR inside it (larger than /22 needs confirmLarge) and, with pnp, listens for booting phones. Results stream as events; a running run is cancelled first.',
    input: z
      .object({
        /** Interface name; without it (and without cidr) the default interface. */
        interface: z.string().min(1).max(200).optional(),
        /** A range inside a local subnet, e.g. `192.168.1.0/24`. */
        cidr: z.string().min(1).max(50).optional(),
        pnp: z.boolean().default(true),
        confirmLarge: z.boolean().default(false),
        /** Ends the whole run after this long; without it, the sweep ends when complete and PnP listens until cancelled. */
        timeoutMs: z.number().int().min(200).max(24 * 3_600_000).optional(),
      })
      .strict(),
    output: z.object({
      scanId: z.string(),
      interface: z.string(),
      address: z.string(),
      /** The range swept, normalised (`10.77.0.5/24` → `10.77.0.0/24`). */
      cidr: z.string(),
      hostCount: z.number().int().min(0),
      pnp: pnpStatusSchema,
    }),
  }),
  'discovery:cancel': request({
    summary: 'Stops the running sweep and listener; devices found so far stay listed.',
    input: z.object({}).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'discovery:devices': request({
    summary: 'The device list of the current or last run (phones first), with its state.',
    input: z.object({}).strict(),
    output: z.object({
      scanId: z.string().nullable(),
      running: z.boolean(),
      devices: z.array(discoveredDeviceSchema),
      progress: discoveryProgressSchema.nullable(),
      finished: discoveryFinishedSchema.nullable(),
      pnp: pnpStatusSchema,
    }),
  }),
} as const;

/** Events of the discovery domain. */
export const discoveryEvents = {
  'discovery:device': event({
    summary: 'A device was found, or something about it changed (IP, model, source).',
    payload: z.object({ scanId: z.string(), device: discoveredDeviceSchema }),
  }),
  'discovery:progress': event({ summary: 'Sweep progress and phase.', payload: discoveryProgressSchema }),
  'discovery:finished': event({ summary: 'The run ended; the device list is final.', payload: discoveryFinishedSchema }),
} as const;

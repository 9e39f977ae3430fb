/**
 * A faithful stand-in for a Yeastar P-Series PBX's OpenAPI over real HTTP or HTTPS: test infrastructure and a
 * demo PBX (`onsite pbx-sim`), not part of the shipped app. Stateful and inspectable, so tests can check
 * "the PBX holds each phone exactly once" after any fault.
 */
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { macKey } from '../../shared/sync/settle';
import { AuthState } from './auth';
import { type CertificateFiles, generateSelfSignedCert } from './cert';
import { FaultSchedule, type FaultSpec } from './faults';
import { PhoneStore } from './phones';
import type { SimWorld } from './routes';
import { defaultSeed } from './seed';
import { type PipelineContext, type RequestRecord, serve } from './server';
import type { SeedData, SimExtension, SimKnobs, SimPhone } from './types';

export type { FaultKind, FaultSpec } from './faults';
export type { RequestRecord } from './server';
export type * from './types';
export { generateSelfSignedCert, type CertificateFiles } from './cert';
export { defaultSeed, generateExtensions, generatePhones, loadSeedFile, parseSeed, vendorMac } from './seed';
export { defaultCompatibility } from './compat';

/** Defaults for every knob: the documented PBX behaviour where there is one, a plausible choice where not. */
export const DEFAULT_KNOBS: SimKnobs = {
  edition: 'appliance',
  clientId: 'pbx-sim-client',
  clientSecret: 'pbx-sim-secret',
  accessTtlMs: 30 * 60_000,
  refreshTtlMs: 24 * 60 * 60_000,
  maxTokens: 8,
  tokenCapErrcode: 60002,
  refreshInvalidatesOld: true,
  maxFailedLogins: 5,
  blockedErrcode: 70004,
  requireUserAgent: true,
  maxPageSize: 100,
  oversizePage: 'clamp',
  defaultPageSize: 20,
  batchMode: 'all-or-nothing',
  partialReport: 'partial-success',
  maxBatch: null,
  maxBatchErrcode: 40002,
  maxPhonesPerExtension: 5,
  extensionLimitErrcode: 60002,
  unknownExtErrcode: 40002,
  duplicateMacErrcode: 40003,
  latencyMs: 0,
  macStyle: 'as-sent',
};

/** How to start a simulator. Knobs not given take {@link DEFAULT_KNOBS}. */
export interface PbxSimOptions extends Partial<SimKnobs> {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Serve HTTPS: `true` generates a self-signed certificate with openssl; or pass one. */
  readonly https?: boolean | { certPem: string; keyPem: string };
  /** Start data; default {@link defaultSeed}. */
  readonly seed?: SeedData;
  /** The PBX's clock (for token lifetimes); default `Date.now`. */
  readonly now?: () => number;
}

/** Read and change what the simulated PBX holds. Returned objects are copies unless said otherwise. */
export interface PbxSimState {
  phones(): SimPhone[];
  phoneByMac(mac: string): SimPhone | undefined;
  /** MAC keys (lower-case hex) held more than once: always empty on a correct PBX. */
  duplicateMacs(): string[];
  extensions(): SimExtension[];
  /** Adds a phone without the PBX's checks (e.g. one added by someone else on the portal). */
  addPhone(phone: Omit<SimPhone, 'id'> & { id?: number }): SimPhone;
  /** Marks a phone registered (or not), as when it boots and registers; sets a firmware and, for PnP on an appliance, an IP. */
  setRegistered(mac: string, registered: boolean): void;
  addExtension(extension: SimExtension): void;
  removeExtension(id: number): void;
}

/** A running simulator. */
export interface PbxSim {
  /** Base URL, e.g. `https://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  /** The live knobs: change them at any time (e.g. `sim.knobs.batchMode = 'partial'`). */
  readonly knobs: SimKnobs;
  readonly state: PbxSimState;
  readonly faults: {
    add(spec: FaultSpec): void;
    clear(): void;
    pending(): FaultSpec[];
  };
  /** Every request so far, in order. */
  readonly requests: readonly RequestRecord[];
  /** Calls to an endpoint so far (`*` = all). */
  count(endpoint: string): number;
  /** Live access tokens of the Client ID. */
  liveTokens(): number;
  /** Every access and refresh token issued so far (to check that none leaks into logs). */
  issuedTokens(): string[];
  blockedIps(): string[];
  unblockAll(): void;
  /** Expires every access token now (refresh tokens too when asked). */
  expireTokens(refreshToo?: boolean): void;
  /** Moves the PBX's clock forward. */
  advanceClock(ms: number): void;
  /** HTTPS only: the certificate's SHA-256 fingerprint (`AB:CD:…`), else null. */
  fingerprint256(): string | null;
  /** HTTPS only: the certificate PEM, else null. */
  certificatePem(): string | null;
  /** HTTPS only: serves a new certificate from now on (a PBX whose certificate was replaced). */
  replaceCertificate(cert: { certPem: string; keyPem: string }): void;
  close(): Promise<void>;
}

function makeState(world: SimWorld): PbxSimState {
  return {
    phones: () => [...world.phones.phones.values()].sort((a, b) => a.id - b.id).map((p) => ({ ...p })),
    phoneByMac: (mac) => {
      const p = world.phones.byMac(mac);
      return p ? { ...p } : undefined;
    },
    duplicateMacs: () => {
      const seen = new Map<string, number>();
      for (const p of world.phones.phones.values()) seen.set(macKey(p.mac), (seen.get(macKey(p.mac)) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
    },
    extensions: () => world.extensions.map((e) => ({ ...e })),
    addPhone: (phone) => ({ ...world.phones.add(phone) }),
    setRegistered: (mac, registered) => {
      const p = world.phones.byMac(mac);
      if (!p) throw new Error(`pbx-sim: no phone with MAC ${mac}`);
      p.assigned_ext_status = registered ? 'Registered' : 'Unregistered';
      if (registered && p.firmware === '') p.firmware = '96.86.0.70';
      if (registered && p.provisioning_method === 'pnp' && world.knobs.edition === 'appliance') p.ip = `192.168.5.${10 + (p.id % 240)}`;
    },
    addExtension: (extension) => {
      world.extensions.push({ ...extension });
    },
    removeExtension: (id) => {
      world.extensions = world.extensions.filter((e) => e.id !== id);
    },
  };
}

/** Starts a simulator and resolves once it listens. */
export async function startPbxSim(options: PbxSimOptions = {}): Promise<PbxSim> {
  const { port = 0, host = '127.0.0.1', https, seed = defaultSeed(), now: baseNow = Date.now, ...knobOverrides } = options;
  const knobs: SimKnobs = { ...DEFAULT_KNOBS, ...knobOverrides };
  let offset = 0;
  const now = (): number => baseNow() + offset;
  // The phone store reads extensions through `world`, so tests that add or remove extensions are seen.
  const phones = new PhoneStore(seed.phones, knobs, () => world.extensions, () => world.compatibility);
  const world: SimWorld = {
    knobs,
    auth: new AuthState(knobs, now),
    phones,
    extensions: seed.extensions.map((e) => ({ ...e })),
    compatibility: seed.compatibility,
  };

  const counts = new Map<string, number>();
  const ctx: PipelineContext = {
    world,
    faults: new FaultSchedule((endpoint) => counts.get(endpoint) ?? 0),
    records: [],
    counts,
    now,
    hanging: new Set<ServerResponse>(),
  };

  let cert: CertificateFiles | { certPem: string; keyPem: string } | null = null;
  if (https === true) cert = generateSelfSignedCert();
  else if (https) cert = https;
  const handler = (req: Parameters<typeof serve>[1], res: ServerResponse): void => void serve(ctx, req, res);
  const server: Server = cert ? createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, handler) : createHttpServer(handler);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `${cert ? 'https' : 'http'}://${urlHost}:${actualPort}`,
    port: actualPort,
    knobs,
    state: makeState(world),
    faults: { add: (spec) => ctx.faults.add(spec), clear: () => ctx.faults.clear(), pending: () => ctx.faults.pending() },
    requests: ctx.records,
    count: (endpoint) => counts.get(endpoint) ?? 0,
    liveTokens: () => world.auth.liveTokens(),
    issuedTokens: () => [...world.auth.issued],
    blockedIps: () => world.auth.blockedIps(),
    unblockAll: () => world.auth.unblockAll(),
    expireTokens: (refreshToo = false) => world.auth.expireAll(refreshToo),
    advanceClock: (ms) => {
      offset += ms;
    },
    fingerprint256: () => (cert ? new X509Certificate(cert.certPem).fingerprint256 : null),
    certificatePem: () => cert?.certPem ?? null,
    replaceCertificate: (next) => {
      if (!cert) throw new Error('pbx-sim: replaceCertificate needs an HTTPS simulator');
      cert = next;
      (server as unknown as { setSecureContext(o: { cert: string; key: string }): void }).setSecureContext({ cert: next.certPem, key: next.keyPem });
    },
    close: async () => {
      for (const res of ctx.hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A random Client ID / Secret pair in the PBX's style (for the CLI). */
export function randomCredentials(): { clientId: string; clientSecret: string } {
  return { clientId: randomBytes(12).toString('hex'), clientSecret: randomBytes(16).toString('hex') };
}

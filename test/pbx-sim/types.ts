/**
 * Types of the PBX simulator: its knobs (everything the Yeastar docs leave open is a knob), its records,
 * and the shape of a handled request.
 */

/** Cloud Edition accepts only `rps` and never reports phone IPs; Appliance/Software Edition allow all methods. */
export type Edition = 'cloud' | 'appliance';
/** How `phone/batchcreate` treats a list where some items are bad (UNCONFIRMED on a real PBX). */
export type BatchMode = 'all-or-nothing' | 'partial';
/**
 * In `partial` mode, what the answer says when some items landed and some did not:
 * `partial-success` = errcode 1 PARTIAL SUCCESS; `per-item` = errcode 1 plus an `error_list` per MAC;
 * `first-error` = the first failure's error code, although the good items DID land (the nastiest case).
 */
export type PartialReport = 'partial-success' | 'per-item' | 'first-error';
/** How the PBX stores MACs it is given (UNCONFIRMED): as sent, or reformatted. */
export type MacStyle = 'as-sent' | 'upper-colon' | 'lower-colon';
/** A provisioning method as `phone/batchcreate` takes it. */
export type Method = 'pnp' | 'dhcp' | 'rps' | 'rps_fqdn';

/** Every behaviour of the simulator that a test or a demo may change. Mutable at run time via `sim.knobs`. */
export interface SimKnobs {
  edition: Edition;
  clientId: string;
  clientSecret: string;
  /** Access-token lifetime (PBX: 30 min). */
  accessTtlMs: number;
  /** Refresh-token lifetime (PBX: 24 h). */
  refreshTtlMs: number;
  /** Live access tokens allowed per Client ID (PBX: 8). */
  maxTokens: number;
  /** Error code when the token cap is hit (UNCONFIRMED; default 60002 MAX LIMITATION EXCEEDED). */
  tokenCapErrcode: number;
  /** Whether `refresh_token` revokes the previous access and refresh token (UNCONFIRMED). */
  refreshInvalidatesOld: boolean;
  /** Consecutive failed logins from one IP before it is blocked (PBX: 5). */
  maxFailedLogins: number;
  /** What a blocked IP gets on every call (UNCONFIRMED: 70004 ACCOUNT IP BLOCKED or 70087 IP FORBIDDEN). */
  blockedErrcode: number;
  /** Refuse requests without a User-Agent header (the docs make it mandatory). */
  requireUserAgent: boolean;
  /** Largest page the list endpoints return (UNCONFIRMED). */
  maxPageSize: number;
  /** What a bigger `page_size` gets: silently clamped, or refused with 40002 (UNCONFIRMED). */
  oversizePage: 'clamp' | 'refuse';
  /** `page_size` when none is given (UNCONFIRMED). */
  defaultPageSize: number;
  batchMode: BatchMode;
  partialReport: PartialReport;
  /** Longest `phone_list` / `batch_id_list` accepted; null = no limit (UNCONFIRMED). */
  maxBatch: number | null;
  /** Error code for a too-long list (UNCONFIRMED; default 40002 with `invalid_param_list`). */
  maxBatchErrcode: number;
  /** Phones one extension may carry (PBX: 5). */
  maxPhonesPerExtension: number;
  /** Error code when an extension would carry more phones than allowed (UNCONFIRMED; default 60002). */
  extensionLimitErrcode: number;
  /** Error code for an `ext_id` that does not exist (UNCONFIRMED: 40002 or 60001). */
  unknownExtErrcode: number;
  /** Error code for a MAC already in the list (UNCONFIRMED; default 40003 with `duplicate_field_list`). */
  duplicateMacErrcode: number;
  /** Added to every request before it is handled. */
  latencyMs: number;
  macStyle: MacStyle;
}

/** An extension as the simulator holds it (a subset of `Ext_Basicinfo`). */
export interface SimExtension {
  id: number;
  number: string;
  caller_id_name: string;
  email_addr: string;
  mobile_number: string;
  role_name: string;
  presence_status: string;
}

/** A phone in the simulated Auto Provisioning list. */
export interface SimPhone {
  id: number;
  mac: string;
  vendor: string;
  model: string;
  template_name: string;
  provisioning_method: Method;
  enb_rps_auth: 0 | 1;
  /** Extension id, or null for an unassigned phone. */
  ext_id: number | null;
  ip: string;
  firmware: string;
  assigned_ext_status: 'Registered' | 'Unregistered';
  rps_pin: string;
}

/** One model of the compatibility data: its templates and the methods it supports. */
export interface CompatModel {
  value: string;
  type: string;
  templates: string[];
  methods: Method[];
}

/** One vendor of the compatibility data. */
export interface CompatVendor {
  value: string;
  text: string;
  type: string;
  models: CompatModel[];
}

/** Everything the simulator starts with. */
export interface SeedData {
  extensions: SimExtension[];
  phones: SimPhone[];
  compatibility: CompatVendor[];
}

/** A request as the handlers see it. */
export interface SimRequest {
  readonly endpoint: string;
  readonly method: string;
  readonly ip: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** What a handler answers: a JSON body (HTTP 200 unless said otherwise). */
export interface SimReply {
  readonly status?: number;
  readonly body: Record<string, unknown>;
}

import type { PbxSnapshot } from '../../../shared/domain/pbx-snapshot';
import type { GroupKey, Outbox } from '../../../shared/sync/outbox';

/** A phone as read back from the PBX. */
export interface PhoneOnPbx {
  readonly id: number;
  /** Canonical MAC. */
  readonly mac: string;
  /** Extension number, or null for `Unassigned`. */
  readonly extension: string | null;
  readonly vendor: string;
  readonly model: string;
  readonly template: string;
  /** `Registered` / `Unregistered`. */
  readonly status: string;
}

/** Why a PBX call did not give an answer the engine can use, by what the engine must do next. */
export type PbxTrouble =
  /** Credentials refused: stop, never retry by ourselves (5 failures block the IP). */
  | { readonly kind: 'auth'; readonly reason: string }
  /** This computer's IP is blocked or not allowed: stop, the technician must act on the PBX. */
  | { readonly kind: 'blocked'; readonly reason: string }
  /** Certificate untrusted or changed: stop until the technician reviews it. */
  | { readonly kind: 'tls'; readonly reason: string }
  /** Not reachable, timed out, busy, 5xx, a web page instead of the API: wait and try again later. */
  | { readonly kind: 'transient'; readonly reason: string };

/** The answer to a read. */
export type ReadResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly trouble: PbxTrouble };

/**
 * The answer to `phone/batchcreate`. `unknown` is the important one: no answer, a timeout, a dropped
 * connection or an unreadable reply mean the phones may or may not be on the PBX, so the engine reads
 * back before it sends any of them again.
 */
export type CreateOutcome =
  | { readonly kind: 'created' }
  /** The PBX refused the request (errcode ≠ 0). `conflict` marks duplicate/limit refusals. */
  | { readonly kind: 'rejected'; readonly reason: string; readonly conflict: boolean }
  /** The PBX says only part of it was applied (errcode 1). */
  | { readonly kind: 'partial'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string }
  /** Refused before anything could be applied (connection refused, auth, blocked, TLS). */
  | { readonly kind: 'not-sent'; readonly trouble: PbxTrouble };

/** What the engine needs from a PBX. One instance per PBX profile. */
export interface PbxPort {
  /** Phones, extensions and the auto-provisioning options for the given groups. */
  readSnapshot(groups: readonly GroupKey[]): Promise<ReadResult<PbxSnapshot>>;
  /** Every phone on the PBX. */
  readPhones(): Promise<ReadResult<PhoneOnPbx[]>>;
  batchCreate(group: GroupKey, phones: readonly { mac: string; extId: number }[]): Promise<CreateOutcome>;
  /** Deletes phones by id; same outcome semantics as create. */
  batchDelete(ids: readonly number[]): Promise<CreateOutcome>;
  /** A cheap reachability check that uses no token (so it never counts towards a lockout). */
  probe(): Promise<boolean>;
  /** HTTP requests made so far, for run summaries. */
  requestCount(): number;
}

/**
 * Durable storage of each project's outbox. Every update is one atomic write. The outbox is the only
 * source of a queued row's state: readers overlay it onto the grid rows (`mirrorOntoRows`) rather than
 * storing the state twice.
 */
export interface OutboxRepository {
  read(projectId: string): Promise<Outbox>;
  update(projectId: string, change: (outbox: Outbox) => void): Promise<Outbox>;
}

/** Time, injectable so backoff logic can be tested without waiting. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or early (rejecting) when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

import type { PbxSnapshot } from '../../../shared/domain/pbx-snapshot';
import type { GroupKey, JournalEntry, Outbox } from '../../../shared/sync/outbox';

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
  /** The PBX refuses this kind of request (API permissions, feature disabled, no such API): stop, a person must act. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** Not reachable, timed out, busy, 5xx, a web page instead of the API: wait and try again later. */
  | { readonly kind: 'transient'; readonly reason: string };

/** The answer to a read. */
export type ReadResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly trouble: PbxTrouble };

/** The PBX's own reason for one phone of a refused or partly applied request, when it named the MAC. */
export interface ItemReason {
  readonly mac: string;
  readonly reason: string;
  /** Duplicate MAC or extension limit: the phone conflicts with what is on the PBX. */
  readonly conflict: boolean;
}

/**
 * The answer to `phone/batchcreate`. Anything but `created` means the engine reads the PBX back before it
 * sends any of those phones again: no answer, a timeout, a dropped connection or an unreadable reply mean
 * the phones may or may not be on the PBX, and even a refusal may have been partly applied (UNCONFIRMED).
 */
export type CreateOutcome =
  | { readonly kind: 'created' }
  /** The PBX refused the request because of some of its phones (errcode ≠ 0): isolate them by bisection. */
  | { readonly kind: 'rejected'; readonly reason: string; readonly conflict: boolean; readonly items?: readonly ItemReason[] }
  /** The PBX says only part of it was applied (errcode 1). */
  | { readonly kind: 'partial'; readonly reason: string; readonly items?: readonly ItemReason[] }
  /** Sent, but no trustworthy answer (timeout, dropped, 5xx, HTML, `-2`, busy `70082`): wait, read back, resend what is missing. */
  | { readonly kind: 'unknown'; readonly reason: string }
  /** The PBX answered but refused the whole request for a reason that is not about its phones (blocked, permissions): stop. */
  | { readonly kind: 'refused'; readonly trouble: PbxTrouble }
  /** Refused before anything could be applied (connection refused, login refused, TLS). */
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
 * Durable storage of each project's outbox. The outbox is the only source of a queued row's state: readers
 * overlay it onto the grid rows (`mirrorOntoRows`) rather than storing the state twice. Phones carried by an
 * open write-ahead record read as `sending` (`withFlight`).
 */
export interface OutboxRepository {
  read(projectId: string): Promise<Outbox>;
  /**
   * Applies a change and saves it durably before resolving. Where the queue and its journal are stored
   * apart, the queue is written first and the journal second, so a crash between them leaves a record open
   * (settled again, harmlessly) and never a phone marked queued whose record was closed.
   */
  update(projectId: string, change: (outbox: Outbox) => void): Promise<Outbox>;
  /**
   * Changes only the write-ahead journal (the record written before every request, its outcome): a small
   * durable write. `outbox` is the current view, read-only, for deciding what the record may carry.
   */
  updateJournal(projectId: string, change: (journal: JournalEntry[], outbox: Outbox) => void): Promise<Outbox>;
}

/** Time, injectable so backoff logic can be tested without waiting. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or early (rejecting) when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

import { type PbxStatus, errorText } from '../../../shared/contract';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import { type CertificatePin, PbxClient, type PbxClientOptions, PbxError, createPbxPort } from '../pbx';
import type { PbxSnapshot } from '../../../shared/domain/pbx-snapshot';
import type { CreateOutcome, PbxPort, PbxTrouble, ReadResult } from '../queue/ports';
import type { SnapshotCache } from './cache';
import type { ProfileRepository } from './profile-store';
import type { ProfileSecrets } from './secrets';
import { MissingSecretError, connectedStatus, statusFromError, statusFromTrouble } from './status';

/** What the registry needs. `clientOptions` lets tests shorten timeouts and retries. */
export interface RegistryDeps {
  readonly profiles: ProfileRepository;
  readonly secrets: ProfileSecrets;
  readonly cache: SnapshotCache;
  readonly events: EventHub;
  readonly log: Logger;
  readonly clientOptions?: Partial<Omit<PbxClientOptions, 'baseUrl' | 'credentials' | 'pin'>>;
  readonly now?: () => Date;
}

/** How a piece of work reaches the PBX. */
export interface UseOptions {
  /**
   * The technician asked for exactly this (Test connection): allows ONE login attempt even after a refusal.
   * Everything else (refresh, the sync engine) never logs in after a refusal.
   */
  readonly userAction?: boolean;
}

function troubleOfFailure(error: unknown): PbxTrouble {
  return { kind: 'auth', reason: error instanceof Error ? error.message : String(error) };
}

/**
 * One {@link PbxClient} per PBX profile, created on first use and closed (its token revoked: the PBX allows only
 * 8 live tokens per app) when the profile's connection details change, when it is deleted or released, and when
 * the core closes. It also holds each profile's connection status and its login refusal: after the PBX refused
 * the credentials or blocked this computer, nothing logs in again until the technician acts (Test connection,
 * or new credentials), even across client re-creation (e.g. after a new address). 5 failed logins block the IP.
 */
export class PbxRegistry {
  private readonly clients = new Map<string, PbxClient>();
  private readonly refusals = new Map<string, PbxError>();
  private readonly statuses = new Map<string, PbxStatus>();
  private readonly retiredRequests = new Map<string, number>();
  private readonly closing = new Set<Promise<void>>();
  private closed = false;
  private readonly now: () => Date;

  constructor(private readonly deps: RegistryDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The profile's client, created on first use (`not-found` when the profile does not exist). */
  clientFor(profileId: string): PbxClient {
    const existing = this.clients.get(profileId);
    if (existing) return existing;
    if (this.closed) throw new PbxError('cancelled', 'The app is closing.', 'connect');
    const profile = this.deps.profiles.get(profileId);
    const client = new PbxClient({
      ...this.deps.clientOptions,
      baseUrl: profile.baseUrl,
      pin: profile.pin ? { fingerprint256: profile.pin.fingerprint256, chainPem: profile.pin.chainPem } : null,
      credentials: () => this.credentials(profileId),
      log: this.deps.log.scope('client'),
    });
    this.clients.set(profileId, client);
    return client;
  }

  /**
   * The sync engine's port for a profile. It resolves the profile's CURRENT client on every call, so a client
   * replaced after an edit (new address, new secret) is picked up, and it obeys the same refusal rule: after a refused
   * login it answers `auth`/`blocked` trouble without contacting the PBX. Successful reads also refresh the
   * offline cache's extensions and phones.
   */
  portFor(profileId: string): PbxPort {
    const refused = (): PbxTrouble | null => {
      const refusal = this.refusals.get(profileId);
      if (!refusal) return null;
      return { kind: refusal.code === 'pbx-blocked' ? 'blocked' : 'auth', reason: errorText(refusal) };
    };
    const port = (): PbxPort => createPbxPort(this.clientFor(profileId));
    const read = async <T>(work: (p: PbxPort) => Promise<ReadResult<T>>, onData?: (data: T) => void): Promise<ReadResult<T>> => {
      const trouble = refused();
      if (trouble) return { ok: false, trouble };
      let result: ReadResult<T>;
      try {
        result = await work(port());
      } catch (error) {
        return { ok: false, trouble: troubleOfFailure(error) };
      }
      this.afterPortCall(profileId, result.ok ? null : result.trouble);
      if (result.ok) onData?.(result.data);
      return result;
    };
    const write = async (work: (p: PbxPort) => Promise<CreateOutcome>): Promise<CreateOutcome> => {
      const trouble = refused();
      if (trouble) return { kind: 'not-sent', trouble };
      let outcome: CreateOutcome;
      try {
        outcome = await work(port());
      } catch (error) {
        return { kind: 'not-sent', trouble: troubleOfFailure(error) };
      }
      if (outcome.kind !== 'unknown') this.afterPortCall(profileId, outcome.kind === 'not-sent' || outcome.kind === 'refused' ? outcome.trouble : null);
      return outcome;
    };
    const cacheParts = (parts: { extensions?: PbxSnapshot['extensions']; phones?: PbxSnapshot['phones'] }): void => {
      const profile = this.deps.profiles.find(profileId);
      if (!profile) return;
      try {
        this.deps.cache.update(profileId, profile.baseUrl, (s) => ({ ...s, ...parts }));
      } catch (error) {
        this.deps.log.warn('could not update the offline cache after a sync read', { profileId, error });
      }
    };
    return {
      readSnapshot: (groups) => read((p) => p.readSnapshot(groups), (s) => cacheParts({ extensions: s.extensions, phones: s.phones })),
      readPhones: () => read((p) => p.readPhones(), (phones) => cacheParts({ phones: { items: phones, fetchedAt: this.now().toISOString() } })),
      batchCreate: (group, phones) => write((p) => p.batchCreate(group, phones)),
      batchDelete: (ids) => write((p) => p.batchDelete(ids)),
      probe: async () => {
        try {
          return await this.clientFor(profileId).reachable();
        } catch {
          return false;
        }
      },
      requestCount: () => (this.retiredRequests.get(profileId) ?? 0) + (this.clients.get(profileId)?.requestCount() ?? 0),
    };
  }

  /**
   * Runs work with the profile's client under the lockout rule: after a refusal it throws that refusal without
   * contacting the PBX, unless `userAction`, which allows one new login attempt. Records the connection status.
   */
  async use<T>(profileId: string, work: (client: PbxClient) => Promise<T>, options: UseOptions = {}): Promise<T> {
    if (options.userAction) this.refusals.delete(profileId);
    const refusal = this.refusals.get(profileId);
    if (refusal) throw refusal;
    const client = this.clientFor(profileId);
    if (options.userAction) client.resetAuth();
    try {
      const result = await work(client);
      this.setStatus(connectedStatus(profileId, this.now()));
      return result;
    } catch (error) {
      this.noteRefusal(profileId, client);
      this.setStatus(statusFromError(profileId, error, this.now()));
      throw error;
    }
  }

  /** The last known connection status of a profile (null: not checked this run). */
  status(profileId: string): PbxStatus | null {
    return this.statuses.get(profileId) ?? null;
  }

  /** Records a status and tells the UI. */
  setStatus(status: PbxStatus): void {
    this.statuses.set(status.profileId, status);
    this.deps.events.emit('pbx:status', status);
  }

  /**
   * The technician trusted another certificate: the live client switches to it and keeps its session (closing it
   * instead would try to revoke its token over the old pin, which the PBX no longer presents).
   */
  repin(profileId: string, pin: CertificatePin): void {
    this.clients.get(profileId)?.setPin(pin);
    if (this.statuses.get(profileId)?.state.startsWith('tls-')) this.statuses.delete(profileId);
  }

  /**
   * Closes the profile's client and revokes its token; the next use creates a new one from the stored profile.
   * Call after the address changed, or when a project stops using the profile (the sync engine's choice).
   */
  async release(profileId: string): Promise<void> {
    const client = this.clients.get(profileId);
    if (!client) return;
    this.clients.delete(profileId);
    this.retiredRequests.set(profileId, (this.retiredRequests.get(profileId) ?? 0) + client.requestCount());
    const closing = client.close().catch((error: unknown) => this.deps.log.warn('closing a PBX client failed', { profileId, error }));
    this.closing.add(closing);
    await closing;
    this.closing.delete(closing);
  }

  /**
   * The profile's connection details changed or it was deleted: releases the client and forgets the status. New
   * credentials (Client ID or Secret) also clear a login refusal, so the next use may log in once; a new address
   * alone keeps it (it may well be the same PBX, and the same refused credentials).
   */
  async forget(profileId: string, options: { keepRefusal?: boolean } = {}): Promise<void> {
    if (!options.keepRefusal) this.refusals.delete(profileId);
    this.statuses.delete(profileId);
    await this.release(profileId);
  }

  /** Closes every client (tokens revoked); used by `core.close()`. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.clients.keys()].map((id) => this.release(id)));
    await Promise.all([...this.closing]);
  }

  private async credentials(profileId: string): Promise<{ clientId: string; secret: string }> {
    const profile = this.deps.profiles.get(profileId);
    const secret = await this.deps.secrets.get(profileId);
    if (secret === null) throw new MissingSecretError(profile.name, (await this.deps.secrets.storage()).mode === 'memory');
    return { clientId: profile.clientId, secret };
  }

  private noteRefusal(profileId: string, client: PbxClient): void {
    const refusal = client.authRefusal();
    if (client.authStatus() === 'refused' && refusal) this.refusals.set(profileId, refusal);
  }

  private afterPortCall(profileId: string, trouble: PbxTrouble | null): void {
    const client = this.clients.get(profileId);
    if (client) this.noteRefusal(profileId, client);
    const pinned = Boolean(this.deps.profiles.find(profileId)?.pin);
    this.setStatus(trouble ? statusFromTrouble(profileId, trouble, pinned, this.now()) : connectedStatus(profileId, this.now()));
  }
}

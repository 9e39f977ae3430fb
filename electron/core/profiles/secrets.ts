import { AppFailure } from '../../../shared/contract';
import { type SecretStore, openSecretStore } from '../credentials/secret-store';
import type { Logger } from '../log';
import type { NoticeSink } from '../store';

/** Where secrets are kept this run, as the UI is told. */
export interface SecretStorage {
  readonly mode: 'keychain' | 'memory';
  readonly reason: string | null;
}

function keychainFailure(what: string, error: unknown): AppFailure {
  const detail = error instanceof Error ? error.message : String(error);
  return new AppFailure('keychain-unavailable', `The OS keychain could not ${what} (${detail}).`, {
    hint: 'Unlock the keychain (on Linux: the GNOME Keyring or KWallet of your desktop session) and try again.',
  });
}

/**
 * The Client Secrets of PBX profiles, one keychain entry per profile (account = profile id), over the
 * {@link SecretStore}. The keychain is probed on first use, not at start, so commands that need no PBX
 * never touch it. Where it cannot be used, secrets live in memory for this run and the technician gets
 * one notice saying why and how to fix it.
 */
export class ProfileSecrets {
  private opened: Promise<SecretStore> | undefined;
  // Whether a secret exists per profile: the keychain is asked once, then kept in step by set/delete.
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly notices: NoticeSink,
    private readonly log: Logger,
    private readonly open: (log: Logger) => Promise<SecretStore> = openSecretStore,
  ) {}

  /** Where secrets are kept this run. */
  async storage(): Promise<SecretStorage> {
    const store = await this.store();
    return { mode: store.mode, reason: store.reason ?? null };
  }

  /** True when a Client Secret is stored for the profile. */
  async has(profileId: string): Promise<boolean> {
    const cached = this.known.get(profileId);
    if (cached !== undefined) return cached;
    try {
      return (await this.get(profileId)) !== null;
    } catch (error) {
      this.log.warn('could not check the keychain for a secret', { profileId, error });
      return false;
    }
  }

  /** The profile's Client Secret, or null. Registered with the logger's redaction by the secret store. */
  async get(profileId: string): Promise<string | null> {
    const store = await this.store();
    let secret: string | null;
    try {
      secret = await store.get(profileId);
    } catch (error) {
      throw keychainFailure('read the Client Secret', error);
    }
    this.known.set(profileId, secret !== null);
    return secret;
  }

  /** Stores the profile's Client Secret (keychain, or memory for this run). */
  async set(profileId: string, secret: string): Promise<void> {
    this.log.addSecret(secret);
    const store = await this.store();
    try {
      await store.set(profileId, secret);
    } catch (error) {
      throw keychainFailure('store the Client Secret', error);
    }
    this.known.set(profileId, true);
  }

  /** Deletes the profile's Client Secret; true when there was one. */
  async delete(profileId: string): Promise<boolean> {
    const store = await this.store();
    let deleted: boolean;
    try {
      deleted = await store.delete(profileId);
    } catch (error) {
      throw keychainFailure('delete the Client Secret', error);
    }
    this.known.set(profileId, false);
    return deleted;
  }

  private store(): Promise<SecretStore> {
    this.opened ??= this.open(this.log).then((store) => {
      if (store.mode === 'memory') {
        this.notices.add('warning', 'Client Secrets are kept in memory only', store.reason ?? 'The OS keychain cannot be used. Client Secrets are kept in memory for this run only.');
      }
      return store;
    });
    return this.opened;
  }
}

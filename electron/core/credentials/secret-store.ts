import { AsyncEntry } from '@napi-rs/keyring';
import type { Logger } from '../log';

/** Where secrets are kept this run. */
export type SecretStorageMode = 'keychain' | 'memory';

/**
 * The one module that owns the OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret
 * Service). Secrets never go to a file: where no keychain works, they live in memory for this run and
 * the app says why and how to fix it.
 */
export interface SecretStore {
  /** `memory` when no keychain could be used; {@link reason} then says why and what to do. */
  readonly mode: SecretStorageMode;
  readonly reason: string | undefined;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** The keychain service name all entries are filed under. */
export const KEYCHAIN_SERVICE = 'OnSite Provisioner';

/** Minimal keychain entry, so tests can hand in a failing one; production uses @napi-rs/keyring. */
export interface KeychainEntry {
  getPassword(): Promise<string | null>;
  setPassword(secret: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}

/** Makes the keychain entry for one account. */
export type EntryFactory = (service: string, account: string) => KeychainEntry;

// On Linux, pin entries to the Secret Service: the library otherwise falls back to the kernel keyring,
// which forgets everything at logout, so a "saved" secret would silently vanish.
const defaultEntry: EntryFactory = (service, account) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });

/** Explains a keychain failure in words a technician can act on. */
export function keychainUnavailableReason(error: unknown, platform: NodeJS.Platform = process.platform): string {
  const detail = error instanceof Error ? error.message : String(error);
  if (platform === 'linux') {
    return `No keychain (Secret Service) is available: ${detail}. The Client Secret is kept in memory for this run only and must be entered again next time. To keep it, run a Secret Service (GNOME Keyring or KWallet) in your desktop session and unlock it, then restart the app.`;
  }
  if (platform === 'darwin') {
    return `The macOS Keychain could not be used: ${detail}. The Client Secret is kept in memory for this run only. Allow OnSite Provisioner to use the Keychain when macOS asks, then restart the app.`;
  }
  return `The Windows Credential Manager could not be used: ${detail}. The Client Secret is kept in memory for this run only. Check that your Windows account can store credentials, then restart the app.`;
}

/**
 * Opens the secret store: probes the keychain once (a read of an entry that need not exist), and
 * falls back to memory with a reason when the probe fails.
 */
export async function openSecretStore(log: Logger, makeEntry: EntryFactory = defaultEntry, service = KEYCHAIN_SERVICE): Promise<SecretStore> {
  try {
    await makeEntry(service, '__onsite_probe__').getPassword();
  } catch (error) {
    const reason = keychainUnavailableReason(error);
    log.warn('keychain unavailable: secrets stay in memory for this run', { reason });
    return memoryStore(reason, log);
  }
  return {
    mode: 'keychain',
    reason: undefined,
    async get(account) {
      const secret = await makeEntry(service, account).getPassword();
      if (secret) log.addSecret(secret);
      return secret;
    },
    async set(account, secret) {
      log.addSecret(secret);
      await makeEntry(service, account).setPassword(secret);
    },
    delete: (account) => makeEntry(service, account).deletePassword(),
  };
}

/** Secrets in memory for this run only, with the reason shown to the technician (also the demo's store). */
export function memoryStore(reason: string, log: Logger): SecretStore {
  const secrets = new Map<string, string>();
  return {
    mode: 'memory',
    reason,
    get: (account) => Promise.resolve(secrets.get(account) ?? null),
    set(account, secret) {
      log.addSecret(secret);
      secrets.set(account, secret);
      return Promise.resolve();
    },
    delete: (account) => Promise.resolve(secrets.delete(account)),
  };
}

import { PbxError } from './errors';
import { type ApiAnswer, answerError } from './interpret';
import type { Logger } from '../log';

/** The Client ID and Secret of a PBX profile, fetched when a login is needed (e.g. from the OS keychain). */
export interface PbxCredentials {
  readonly clientId: string;
  readonly secret: string;
}

/** Fetches the credentials; called only when the client must log in. */
export type CredentialsProvider = () => Promise<PbxCredentials>;

/** How the token keeper reaches the PBX: one unauthenticated-or-token call, answer parsed, transport errors thrown. */
export type TokenCall = (endpoint: 'get_token' | 'refresh_token' | 'del_token', options: { body?: Record<string, unknown>; token?: string; timeoutMs?: number }) => Promise<ApiAnswer>;

/** Where the client's login stands. */
export type AuthStatus = 'none' | 'ready' | 'refused' | 'closed';

interface TokenPair {
  access: string;
  accessTtlMs: number;
  accessExpiresAt: number;
  refresh: string;
  refreshExpiresAt: number;
}

/** Settings of a {@link TokenKeeper}. */
export interface TokenKeeperOptions {
  readonly call: TokenCall;
  readonly credentials: CredentialsProvider;
  readonly log: Logger;
  readonly now: () => number;
  /** Renew this long before the access token expires (default 60 s). */
  readonly refreshMarginMs: number;
}

/**
 * Holds ONE token pair for one PBX profile. Renews it shortly before expiry (refresh_token first, get_token if the
 * refresh is refused), runs one renewal at a time (concurrent callers share it), and never logs in again by itself
 * after the PBX refused the credentials or blocked this computer: 5 failed logins block the technician's IP, so
 * only {@link TokenKeeper.reset} (a user action) allows the next attempt.
 */
export class TokenKeeper {
  private pair: TokenPair | null = null;
  private renewing: Promise<string> | null = null;
  private refusal: PbxError | null = null;
  private closed = false;
  private readonly revocations = new Set<Promise<void>>();

  constructor(private readonly options: TokenKeeperOptions) {}

  /** Where the login stands. */
  status(): AuthStatus {
    if (this.closed) return 'closed';
    if (this.refusal) return 'refused';
    return this.pair ? 'ready' : 'none';
  }

  /** The refusal that stops logins until {@link reset}, if any. */
  refused(): PbxError | null {
    return this.refusal;
  }

  /** A live access token: the current one, or a renewed one. Throws the refusal while refused. */
  token(): Promise<string> {
    if (this.closed) return Promise.reject(new PbxError('cancelled', 'The connection to this PBX was closed.', 'auth'));
    if (this.refusal) return Promise.reject(this.refusal);
    const pair = this.pair;
    // A PBX configured with very short tokens would otherwise be renewed on every call.
    const margin = pair ? Math.min(this.options.refreshMarginMs, pair.accessTtlMs / 2) : 0;
    if (pair && pair.accessExpiresAt - this.options.now() > margin) return Promise.resolve(pair.access);
    this.renewing ??= this.renew().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  /** Marks `access` as dead (the PBX answered 10004 with it); a newer token is left alone. */
  invalidate(access: string): void {
    if (this.pair?.access === access) this.pair.accessExpiresAt = 0;
  }

  /** The user re-entered or confirmed the credentials: allow one new login attempt. */
  reset(): void {
    this.refusal = null;
  }

  /** Revokes the live token (`del_token`) and forgets the pair: the PBX allows only 8 live tokens per app. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.renewing?.catch(() => undefined);
    await Promise.all([...this.revocations]);
    const pair = this.pair;
    this.pair = null;
    if (pair && pair.accessExpiresAt > this.options.now()) await this.revoke(pair.access, 'on close');
  }

  private async revoke(access: string, why: string): Promise<void> {
    try {
      const answer = await this.options.call('del_token', { token: access, timeoutMs: 5_000 });
      this.options.log.info(`access token revoked ${why}`, { errcode: answer.errcode });
    } catch (error) {
      this.options.log.warn(`could not revoke the access token ${why}`, { error });
    }
  }

  private async renew(): Promise<string> {
    const old = this.pair;
    if (old && old.refreshExpiresAt - this.options.now() > 5_000) {
      const startedAt = this.options.now();
      const answer = await this.options.call('refresh_token', { body: { refresh_token: old.refresh } });
      if (answer.errcode === 0) {
        const access = this.accept(answer, startedAt);
        // Whether refresh_token revokes the old access token is UNCONFIRMED: revoke it ourselves so refreshes never
        // pile up live tokens against the cap of 8. A 10004 here just means the PBX already did.
        const revocation = this.revoke(old.access, 'after refresh').finally(() => this.revocations.delete(revocation));
        this.revocations.add(revocation);
        return access;
      }
      this.options.log.info('refresh_token refused; logging in again', { errcode: answer.errcode });
    }
    return this.login();
  }

  private async login(): Promise<string> {
    const credentials = await this.options.credentials();
    this.options.log.addSecret(credentials.secret);
    const startedAt = this.options.now();
    const answer = await this.options.call('get_token', { body: { username: credentials.clientId, password: credentials.secret } });
    if (answer.errcode === 0) return this.accept(answer, startedAt);
    const error = answerError(answer, 'get_token');
    // Anything but "busy, try later" stops logins until the user acts: a refused login counts toward the IP block.
    if (!error.transient) this.refusal = error;
    this.options.log.warn('login refused', { errcode: answer.errcode, stopped: !error.transient });
    throw error;
  }

  private accept(answer: ApiAnswer, startedAt: number): string {
    const access = answer.access_token;
    const refresh = answer.refresh_token;
    if (typeof access !== 'string' || access === '' || typeof refresh !== 'string') {
      throw new PbxError('pbx-bad-response', 'The PBX accepted the login but sent no usable token.', 'get_token', { sent: true });
    }
    this.options.log.addSecret(access);
    this.options.log.addSecret(refresh);
    const seconds = (value: unknown, fallback: number): number => (typeof value === 'number' && value > 0 ? value : fallback);
    const accessTtlMs = seconds(answer.access_token_expire_time, 1800) * 1000;
    this.pair = {
      access,
      refresh,
      accessTtlMs,
      // Counted from when the request started, so the client's idea of expiry is never later than the PBX's.
      accessExpiresAt: startedAt + accessTtlMs,
      refreshExpiresAt: startedAt + seconds(answer.refresh_token_expire_time, 86_400) * 1000,
    };
    this.options.log.info('access token obtained', { expiresInS: answer.access_token_expire_time });
    return access;
  }
}

/**
 * Tokens and login protection: `get_token`, `refresh_token`, `del_token`, token lifetimes, the cap of live
 * access tokens per Client ID, and the IP block after consecutive failed logins.
 */
import { randomBytes } from 'node:crypto';
import { failure, required, success } from './envelope';
import type { SimKnobs, SimReply, SimRequest } from './types';

interface AccessToken {
  clientId: string;
  expiresAt: number;
  refresh: string;
}

interface RefreshToken {
  clientId: string;
  expiresAt: number;
  access: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function token(): string {
  return [...randomBytes(32)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** The simulator's token and login state. */
export class AuthState {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly failures = new Map<string, number>();
  private readonly blocked = new Set<string>();
  /** Every token ever issued, for tests that check none leaks into logs. */
  readonly issued: string[] = [];

  constructor(
    private readonly knobs: SimKnobs,
    private readonly now: () => number,
  ) {}

  /** Live (unexpired) access tokens of a Client ID. */
  liveTokens(clientId = this.knobs.clientId): number {
    this.purge();
    return [...this.access.values()].filter((t) => t.clientId === clientId).length;
  }

  /** IPs currently blocked. */
  blockedIps(): string[] {
    return [...this.blocked];
  }

  /** True when calls from `ip` are refused. */
  isBlocked(ip: string): boolean {
    return this.blocked.has(ip);
  }

  /** Lifts every IP block and forgets failed-login counts (the portal's Blocked IPs page). */
  unblockAll(): void {
    this.blocked.clear();
    this.failures.clear();
  }

  /** Expires every access token now (and refresh tokens too when asked): "token expiry mid-run". */
  expireAll(refreshToo = false): void {
    const past = this.now() - 1;
    for (const t of this.access.values()) t.expiresAt = past;
    if (refreshToo) for (const r of this.refresh.values()) r.expiresAt = past;
  }

  /** Null when `access_token` is live, else the `10004` answer. */
  check(accessToken: string | null): SimReply | null {
    const found = accessToken ? this.access.get(accessToken) : undefined;
    return found && found.expiresAt > this.now() ? null : failure(10004);
  }

  private purge(): void {
    const now = this.now();
    for (const [k, t] of this.access) if (t.expiresAt <= now) this.access.delete(k);
    for (const [k, r] of this.refresh) if (r.expiresAt <= now) this.refresh.delete(k);
  }

  private issue(clientId: string): SimReply {
    if (this.liveTokens(clientId) >= this.knobs.maxTokens) return failure(this.knobs.tokenCapErrcode);
    const now = this.now();
    const access = token();
    const refresh = token();
    this.issued.push(access, refresh);
    this.access.set(access, { clientId, expiresAt: now + this.knobs.accessTtlMs, refresh });
    this.refresh.set(refresh, { clientId, expiresAt: now + this.knobs.refreshTtlMs, access });
    return success({
      access_token_expire_time: Math.round(this.knobs.accessTtlMs / 1000),
      access_token: access,
      refresh_token_expire_time: Math.round(this.knobs.refreshTtlMs / 1000),
      refresh_token: refresh,
    });
  }

  /** `POST get_token` with `{username, password}`. */
  getToken(req: SimRequest): SimReply {
    const username = field(req.body, 'username');
    const password = field(req.body, 'password');
    if (typeof username !== 'string' || typeof password !== 'string') {
      return failure(40002, { invalid_param_list: [required(typeof username !== 'string' ? 'username' : 'password')] });
    }
    if (username !== this.knobs.clientId || password !== this.knobs.clientSecret) {
      const count = (this.failures.get(req.ip) ?? 0) + 1;
      this.failures.set(req.ip, count);
      if (count >= this.knobs.maxFailedLogins) this.blocked.add(req.ip);
      return failure(-1, { invalid_param_list: [{ field: 'username or password', value: 'error' }] });
    }
    this.failures.delete(req.ip);
    return this.issue(username);
  }

  /** `POST refresh_token` with `{refresh_token}`. */
  refreshToken(req: SimRequest): SimReply {
    const given = field(req.body, 'refresh_token');
    if (typeof given !== 'string') return failure(40002, { invalid_param_list: [required('refresh_token')] });
    const found = this.refresh.get(given);
    if (!found || found.expiresAt <= this.now()) return failure(10004);
    if (this.knobs.refreshInvalidatesOld) {
      this.refresh.delete(given);
      this.access.delete(found.access);
    }
    return this.issue(found.clientId);
  }

  /** `GET del_token?access_token=…`: revokes that token. */
  delToken(req: SimRequest): SimReply {
    const given = req.query.get('access_token');
    const denied = this.check(given);
    if (denied || !given) return denied ?? failure(10004);
    const found = this.access.get(given);
    this.access.delete(given);
    if (found) this.refresh.delete(found.refresh);
    return success();
  }
}

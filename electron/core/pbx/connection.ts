import { setTimeout as delay } from 'node:timers/promises';
import { AppFailure } from '../../../shared/contract/result';
import { backoffDelay, type BackoffPolicy } from '../../../shared/sync/backoff';
import { describePbxError } from '../../../shared/domain/pbx-errors';
import { type PbxAddress, parsePbxBaseUrl, pbxEndpointUrl } from '../../../shared/domain/pbx-url';
import { sameFingerprint } from '../../../shared/domain/fingerprint';
import { type Logger, createLogger } from '../log';
import { type AuthStatus, type CredentialsProvider, TokenKeeper } from './auth';
import { PbxError } from './errors';
import { type ApiAnswer, answerError, interpretResult } from './interpret';
import { type CertificatePin, certificateChanged, certificateUntrusted, PIN_MISMATCH, pinnedTls, probeCertificate, tlsReason } from './tls';
import { type ExchangeTls, exchange } from './transport';

/** Retries of transient failures (reads only): how many, and the backoff between them. */
export interface RetryPolicy extends BackoffPolicy {
  readonly retries: number;
}

/** How to reach one PBX. Only `baseUrl` and `credentials` are required. */
export interface PbxConnectionOptions {
  /** What the technician typed; validated and normalised (bad input throws a `validation` {@link PbxError}). */
  readonly baseUrl: string;
  readonly credentials: CredentialsProvider;
  /** The trusted certificate of a self-signed PBX; absent = system CAs only. */
  readonly pin?: CertificatePin | null;
  readonly log?: Logger;
  /** Deadline of each read and of each login call (default 15 s). */
  readonly timeoutMs?: number;
  /** Deadline of each write (default 60 s: a big batch can take a while). */
  readonly writeTimeoutMs?: number;
  /** Default: 3 retries, 500 ms doubling to at most 8 s, with jitter. */
  readonly retry?: Partial<RetryPolicy>;
  /** Renew the token this long before it expires (default 60 s). */
  readonly refreshMarginMs?: number;
  /** API requests in flight at once (default 1: one request at a time per PBX). */
  readonly maxConcurrent?: number;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Default `OpenAPI`, as in the PBX's docs; the PBX refuses requests without one. */
  readonly userAgent?: string;
}

/** One API call. */
export interface CallSpec {
  readonly endpoint: string;
  readonly method: 'GET' | 'POST';
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: unknown;
}

/** A per-item error some PBX firmwares may add to a partial success (`error_list`; UNCONFIRMED). */
export interface WriteItemError {
  readonly mac: string;
  readonly errcode: number;
  readonly message: string;
}

/**
 * The outcome of a write (`phone/batchcreate`, `phone/batchdelete`). Writes are never retried blindly:
 * - `applied`: the PBX said SUCCESS for the whole list (it returns no ids: read back to learn them);
 * - `partial`: errcode 1, some items landed: read back;
 * - `rejected`: the PBX answered with an error code; by the docs nothing changed, but batch semantics are
 *   UNCONFIRMED, so read back before retrying (`error.transient` is true for `70082` busy);
 * - `not-sent`: the request never reached the PBX (connection refused, DNS, TLS, login failed): nothing changed;
 * - `unknown`: it was sent but no trustworthy answer came (timeout, dropped connection, HTML page, HTTP 5xx,
 *   unreadable answer, `-2`): the PBX may or may not have applied it. Read the PBX back before retrying.
 */
export type WriteResult =
  | { readonly outcome: 'applied' }
  | { readonly outcome: 'partial'; readonly error: PbxError; readonly itemErrors: readonly WriteItemError[] }
  | { readonly outcome: 'rejected' | 'not-sent' | 'unknown'; readonly error: PbxError };

type Attempt = { answer: ApiAnswer } | { error: PbxError; phase: 'auth' | 'request' };

function asPbxError(error: unknown, endpoint: string): PbxError {
  if (error instanceof PbxError) return error;
  if (error instanceof AppFailure) return new PbxError(error.code, error.message, endpoint, error.hint ? { hint: error.hint } : {});
  throw error;
}

/**
 * One PBX, one token pair: the request pipeline under {@link PbxClient}. Reads retry transient failures with
 * exponential backoff and jitter; writes report an outcome instead; `10004` renews the token once and repeats the call.
 */
export class PbxConnection {
  readonly address: PbxAddress;
  private readonly log: Logger;
  private readonly keeper: TokenKeeper;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly writeTimeoutMs: number;
  private readonly userAgent: string;
  private readonly random: () => number;
  private pin: CertificatePin | null;
  private pinnedChain: Promise<readonly string[]> | null = null;
  private closed = false;
  private requests = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly maxConcurrent: number;

  constructor(options: PbxConnectionOptions) {
    const parsed = parsePbxBaseUrl(options.baseUrl);
    if (!parsed.ok) throw new PbxError('validation', parsed.message, 'connect');
    this.address = parsed.address;
    this.log = options.log ?? createLogger();
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 60_000;
    this.retry = { retries: 3, baseMs: 500, maxMs: 8_000, ...options.retry };
    this.userAgent = options.userAgent ?? 'OpenAPI';
    this.random = options.random ?? Math.random;
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? 1);
    this.pin = this.address.protocol === 'https' ? (options.pin ?? null) : null;
    if (options.pin && this.address.protocol !== 'https') this.log.warn('certificate pin ignored: the address uses http');
    this.keeper = new TokenKeeper({
      call: (endpoint, o) => this.send({ endpoint, method: endpoint === 'del_token' ? 'GET' : 'POST', body: o.body }, o.token, o.timeoutMs ?? this.timeoutMs),
      credentials: options.credentials,
      log: this.log,
      now: options.now ?? Date.now,
      refreshMarginMs: options.refreshMarginMs ?? 60_000,
    });
  }

  /** Where the login stands (`refused` = waiting for the user to check the credentials). */
  authStatus(): AuthStatus {
    return this.keeper.status();
  }

  /** Why logins are stopped, if they are. */
  authRefusal(): PbxError | null {
    return this.keeper.refused();
  }

  /** A user action (credentials re-entered or confirmed): allows ONE new login attempt. */
  resetAuth(): void {
    this.keeper.reset();
  }

  /**
   * Trusts another certificate from now on (the technician re-pinned a renewed one). The token pair is kept, so
   * no new login is needed, and the old token can still be revoked, which a client closed with the old pin could not.
   */
  setPin(pin: CertificatePin | null): void {
    this.pin = this.address.protocol === 'https' ? pin : null;
    this.pinnedChain = null;
  }

  /** HTTP requests made so far (logins, API calls, revocations, reachability checks), for run summaries. */
  requestCount(): number {
    return this.requests;
  }

  /**
   * A cheap check that the PBX answers HTTP(S) at all: `GET /` (its web portal), no token and no login, so it can
   * never count towards a lockout. Uses the same TLS policy as API calls (a changed certificate = not reachable).
   */
  async reachable(timeoutMs = 5_000): Promise<boolean> {
    try {
      this.requests += 1;
      const tls = await this.tls('reachability check');
      const result = await exchange({ method: 'GET', url: `${this.address.baseUrl}/`, headers: { 'User-Agent': this.userAgent }, timeoutMs, tls });
      return result.kind === 'response';
    } catch {
      return false;
    }
  }

  /** Revokes the token (`del_token`) and refuses further calls. */
  async close(): Promise<void> {
    this.closed = true;
    await this.keeper.close();
  }

  /** A read: answers with errcode 0, or throws a {@link PbxError} after retrying transient failures. */
  async read(spec: CallSpec): Promise<ApiAnswer> {
    for (let retry = 0; ; retry += 1) {
      const attempt = await this.attempt(spec, this.timeoutMs);
      const error = 'error' in attempt ? attempt.error : attempt.answer.errcode === 0 ? null : answerError(attempt.answer, spec.endpoint);
      if (!error) return (attempt as { answer: ApiAnswer }).answer;
      if (!error.transient || retry >= this.retry.retries || this.closed) throw error;
      const waitMs = backoffDelay(retry, this.random, this.retry);
      this.log.warn('transient PBX failure, retrying', { endpoint: spec.endpoint, retry: retry + 1, waitMs, code: error.code, errcode: error.errcode });
      await delay(waitMs);
    }
  }

  /** A write: one attempt (plus one after a token renewal on `10004`), reported as a {@link WriteResult}. */
  async write(spec: CallSpec): Promise<WriteResult> {
    const attempt = await this.attempt(spec, this.writeTimeoutMs);
    let result: WriteResult;
    if ('error' in attempt) {
      result = { outcome: attempt.phase === 'auth' || !attempt.error.sent ? 'not-sent' : 'unknown', error: attempt.error };
    } else if (attempt.answer.errcode === 0) {
      result = { outcome: 'applied' };
    } else {
      const error = answerError(attempt.answer, spec.endpoint);
      if (attempt.answer.errcode === 1) result = { outcome: 'partial', error, itemErrors: itemErrors(attempt.answer, spec.endpoint) };
      else result = { outcome: attempt.answer.errcode === -2 ? 'unknown' : 'rejected', error };
    }
    this.log.info('PBX write', { endpoint: spec.endpoint, outcome: result.outcome, ...('error' in result ? { code: result.error.code, errcode: result.error.errcode } : {}) });
    return result;
  }

  private async attempt(spec: CallSpec, timeoutMs: number): Promise<Attempt> {
    for (let renewal = 0; ; renewal += 1) {
      let token: string;
      try {
        token = await this.keeper.token();
      } catch (error) {
        return { error: asPbxError(error, spec.endpoint), phase: 'auth' };
      }
      let answer: ApiAnswer;
      try {
        answer = await this.limited(() => this.send(spec, token, timeoutMs));
      } catch (error) {
        return { error: asPbxError(error, spec.endpoint), phase: 'request' };
      }
      if (answer.errcode !== 10004 || renewal > 0) return { answer };
      this.log.info('the PBX refused the access token (10004): renewing it once', { endpoint: spec.endpoint });
      this.keeper.invalidate(token);
    }
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }

  private async tls(endpoint: string): Promise<ExchangeTls | undefined> {
    const pin = this.pin;
    if (!pin) return undefined;
    if (pin.chainPem && pin.chainPem.length > 0) return pinnedTls(pin.fingerprint256, pin.chainPem);
    // Only the fingerprint was stored: fetch the certificate once, and use it only if it is the pinned one.
    this.pinnedChain ??= probeCertificate(this.address.baseUrl, { timeoutMs: this.timeoutMs }).then((probe) => {
      if (!sameFingerprint(probe.certificate.fingerprint256, pin.fingerprint256)) throw certificateChanged(endpoint, pin.fingerprint256, probe.certificate.fingerprint256);
      return probe.certificate.chainPem;
    });
    try {
      return pinnedTls(pin.fingerprint256, await this.pinnedChain);
    } catch (error) {
      this.pinnedChain = null;
      throw error;
    }
  }

  private async tlsFailure(error: NodeJS.ErrnoException & { presented?: string }, endpoint: string): Promise<PbxError> {
    const pin = this.pin;
    if (!pin) return certificateUntrusted(endpoint, error.code);
    if (error.code === PIN_MISMATCH && error.presented) return certificateChanged(endpoint, pin.fingerprint256, error.presented);
    // The pinned chain did not verify the presented certificate: look at what the PBX presents now.
    try {
      const probe = await probeCertificate(this.address.baseUrl, { timeoutMs: this.timeoutMs });
      if (!sameFingerprint(probe.certificate.fingerprint256, pin.fingerprint256)) return certificateChanged(endpoint, pin.fingerprint256, probe.certificate.fingerprint256);
    } catch (probeError) {
      this.log.warn('certificate probe after a TLS failure failed', { error: probeError });
    }
    return new PbxError('pbx-tls-untrusted', `The PBX's trusted certificate cannot be used: ${tlsReason(error.code)}.`, endpoint, {
      hint: 'Renew the certificate on the PBX (or correct this computer\'s clock), then trust the new one in the PBX profile.',
    });
  }

  private async send(spec: CallSpec, token: string | undefined, timeoutMs: number): Promise<ApiAnswer> {
    const params = new URLSearchParams();
    if (token) params.set('access_token', token);
    for (const [key, value] of Object.entries(spec.query ?? {})) params.set(key, String(value));
    const query = params.toString();
    const url = `${pbxEndpointUrl(this.address.baseUrl, spec.endpoint)}${query ? `?${query}` : ''}`;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) };
    const startedAt = Date.now();
    this.requests += 1;
    const result = await exchange({ method: spec.method, url, headers, body, timeoutMs, tls: await this.tls(spec.endpoint) });
    const ms = Date.now() - startedAt;
    if (result.kind === 'failure' && result.failure === 'tls') {
      this.log.warn('PBX certificate refused', { endpoint: spec.endpoint, reason: result.error.code });
      throw await this.tlsFailure(result.error, spec.endpoint);
    }
    const answer = interpretResult(result, this.address, spec.endpoint, timeoutMs);
    if (answer instanceof PbxError) {
      this.log.warn('PBX request failed', { endpoint: spec.endpoint, ms, code: answer.code, status: answer.httpStatus, sent: answer.sent });
      throw answer;
    }
    this.log.debug('PBX request', { endpoint: spec.endpoint, method: spec.method, ms, status: result.kind === 'response' ? result.status : null, errcode: answer.errcode });
    return answer;
  }
}

function itemErrors(answer: ApiAnswer, endpoint: string): WriteItemError[] {
  const list = answer.error_list;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { mac, errcode, errmsg } = item as { mac?: unknown; errcode?: unknown; errmsg?: unknown };
    if (typeof errcode !== 'number') return [];
    const message = describePbxError({ errcode, ...(typeof errmsg === 'string' ? { errmsg } : {}) }, endpoint).message;
    return [{ mac: typeof mac === 'string' ? mac : '', errcode, message }];
  });
}

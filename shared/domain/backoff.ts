/** Exponential backoff with full jitter, for retries of transient failures (network, HTTP 5xx, busy PBX). */
export interface BackoffPolicy {
  /** Delay ceiling for the first retry, in ms; doubles each retry. */
  readonly baseDelayMs: number;
  /** Upper bound of any single delay, in ms. */
  readonly maxDelayMs: number;
}

/**
 * The delay before retry number `retry` (0 for the first retry): a random value between half and all of
 * `min(maxDelayMs, baseDelayMs * 2^retry)`. Jitter spreads retries so many clients do not hit a busy PBX in step;
 * keeping the lower half means a retry never fires immediately after a failure.
 */
export function backoffDelayMs(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

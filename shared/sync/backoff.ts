/** Backoff settings for waiting on a PBX that is down or busy. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Waits between attempts: 2 s, 4 s, 8 s … up to 5 minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 300_000 };

/**
 * Delay before attempt `attempt` (0-based): exponential, capped, with "equal jitter" (half fixed,
 * half random) so several laptops on one site do not hammer a recovering PBX in step.
 */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

import { performance } from 'node:perf_hooks';

/** Time for the discovery services; unit tests pass a fake one to check timing exactly. */
export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Wall-clock time as ISO text, for firstSeen/lastSeen. */
  iso(): string;
  /** Waits `ms`, or less if `signal` aborts first (then it resolves, never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  iso: () => new Date().toISOString(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

import type { Clock } from '../../electron/core/discovery/clock';

interface Timer {
  readonly at: number;
  readonly wake: () => void;
}

/** Lets every pending promise callback and immediate run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock whose time moves only when the test says so. `sleep` registers a timer; `advance` jumps from timer
 * to timer, letting the code under test run in between, so timing rules can be checked to the millisecond.
 */
export class FakeClock implements Clock {
  private time = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  iso(): string {
    return new Date(Date.UTC(2025, 0, 1) + this.time).toISOString();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Moves time forward by `ms`, firing timers in order and letting the code run after each. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      this.timers = this.timers.filter((t) => t !== next);
      next.wake();
      await settle();
    }
    this.time = end;
    await settle();
  }

  /** Advances in steps until `promise` settles (or `limitMs` passes, which fails the test). */
  async run<T>(promise: Promise<T>, limitMs = 600_000, stepMs = 10): Promise<T> {
    let done = false;
    void promise.finally(() => {
      done = true;
    });
    const start = this.time;
    while (!done) {
      if (this.time - start > limitMs) throw new Error(`still running after ${limitMs} ms of fake time`);
      await this.advance(stepMs);
    }
    return promise;
  }
}

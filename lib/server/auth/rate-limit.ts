import "server-only";

/**
 * Counts failures per key in a sliding window (in memory, per server process). Used for logins:
 * a key is locked once it has `max` failures within `windowMs`.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length >= this.max ? recent[0]! + this.windowMs - now : 0;
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.prune(now); // bounded memory under a spray of usernames
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private prune(now: number): void {
    for (const [k, v] of this.failures) if (!v.some((t) => now - t < this.windowMs)) this.failures.delete(k);
  }
}

const WINDOW_MS = 15 * 60_000;
/** Enough for typos, far too few for guessing a 12+ character password. */
export const perUserLimiter = new FailureLimiter(5, WINDOW_MS);
/** Higher, because a NOC may share one address behind NAT. */
export const perAddressLimiter = new FailureLimiter(20, WINDOW_MS);

import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";

// Login limits live in the database (table login_throttle), so every instance behind a balancer
// shares them, and an attempt is reserved atomically *before* the slow password check: a burst
// of parallel guesses cannot all pass the check while the first ones are still being verified.
// Each key is a fixed window: the counter restarts when its window has passed.

interface Limit {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** One account from one address: enough for typos, far too few to guess a 12+ character password. */
export const ACCOUNT_ADDRESS_LIMIT: Limit = { max: 5, windowMs: 15 * MINUTE };
/** One address against any accounts: higher, because a NOC may share one address behind NAT. */
export const ADDRESS_LIMIT: Limit = { max: 20, windowMs: 15 * MINUTE };
/**
 * The account-wide brake, slower and separate: once an account has this many failures from any
 * addresses within the hour, an address that already failed against it gets no further try
 * (its own allowance drops to 1), while an address with no failures keeps its try, so the right
 * password from a clean address always gets in and nobody can lock an account out from afar.
 */
export const ACCOUNT_BRAKE: Limit = { max: 10, windowMs: 60 * MINUTE };
/** Allowance of one (account, address) while the brake is on: a clean address still gets its try. */
const BRAKED_ACCOUNT_ADDRESS_MAX = 1;
/** Rows older than the longest window are useless; they are swept at most this often per process. */
const SWEEP_EVERY_MS = 10 * MINUTE;

export const throttleKeys = {
  accountAddress: (account: string, address: string) => `acct-addr:${account}|${address}`,
  address: (address: string) => `addr:${address}`,
  account: (account: string) => `acct:${account}`,
};

const int = (n: number) => Prisma.sql`CAST(${Math.trunc(n)} AS BIGINT)`;

/**
 * Takes one slot of `key` if it has fewer than `max` in its window (one statement: an upsert whose
 * update only happens below the limit), or answers how long until the window ends.
 */
export async function reserve(
  db: Db,
  key: string,
  limit: Limit,
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
  const expired = now - limit.windowMs;
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO login_throttle (key, window_start, count) VALUES (${key}, ${int(now)}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN login_throttle.window_start <= ${int(expired)} THEN 1 ELSE login_throttle.count + 1 END,
      window_start = CASE WHEN login_throttle.window_start <= ${int(expired)} THEN ${int(now)} ELSE login_throttle.window_start END
    WHERE login_throttle.window_start <= ${int(expired)} OR login_throttle.count < ${int(limit.max)}
    RETURNING count`;
  if (rows.length > 0) return { ok: true };
  const row = await db.loginThrottle.findUnique({ where: { key } });
  return {
    ok: false,
    retryAfterMs: Math.max(1000, row ? Number(row.windowStart) + limit.windowMs - now : limit.windowMs),
  };
}

/** Gives a reserved slot back (a successful login does not use up its address's allowance). */
export async function release(db: Db, key: string): Promise<void> {
  await db.$executeRaw`UPDATE login_throttle SET count = count - 1 WHERE key = ${key} AND count > 0`;
}

/** Forgets a key (an account's failures from an address, after it logged in from there). */
export async function clear(db: Db, key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}

/** Counts one more event for `key` without any limit (the account-wide failure count). */
export const bump = (db: Db, key: string, windowMs: number, now = Date.now()) =>
  reserve(db, key, { max: Number.MAX_SAFE_INTEGER, windowMs }, now);

/** The count of `key` in its current window. */
export async function countOf(db: Db, key: string, windowMs: number, now = Date.now()): Promise<number> {
  const row = await db.loginThrottle.findUnique({ where: { key } });
  return row && Number(row.windowStart) > now - windowMs ? row.count : 0;
}

const sweepState = globalThis as unknown as { edgescopeThrottleSweptAt?: number };
/** Deletes windows that ended long ago, so a spray of usernames does not grow the table for ever. */
export async function sweepExpired(db: Db, now = Date.now()): Promise<void> {
  if (now - (sweepState.edgescopeThrottleSweptAt ?? 0) < SWEEP_EVERY_MS) return;
  sweepState.edgescopeThrottleSweptAt = now;
  const oldest = now - Math.max(ACCOUNT_ADDRESS_LIMIT.windowMs, ADDRESS_LIMIT.windowMs, ACCOUNT_BRAKE.windowMs);
  await db.loginThrottle.deleteMany({ where: { windowStart: { lte: BigInt(oldest) } } });
}

/**
 * Reserves one login attempt of `account` from `address` under every limit, before the password
 * is checked. Refused → how long to wait; granted → call `settle` with the outcome.
 */
export async function reserveLogin(
  db: Db,
  account: string,
  address: string,
  now = Date.now(),
): Promise<{ ok: false; retryAfterMs: number } | { ok: true; settle(success: boolean): Promise<void> }> {
  await sweepExpired(db, now);
  const braked = (await countOf(db, throttleKeys.account(account), ACCOUNT_BRAKE.windowMs, now)) >= ACCOUNT_BRAKE.max;
  const addressKey = throttleKeys.address(address);
  const pairKey = throttleKeys.accountAddress(account, address);
  const byAddress = await reserve(db, addressKey, ADDRESS_LIMIT, now);
  if (!byAddress.ok) return byAddress;
  const byPair = await reserve(
    db,
    pairKey,
    braked ? { ...ACCOUNT_ADDRESS_LIMIT, max: BRAKED_ACCOUNT_ADDRESS_MAX } : ACCOUNT_ADDRESS_LIMIT,
    now,
  );
  if (!byPair.ok) {
    await release(db, addressKey);
    return byPair;
  }
  return {
    ok: true,
    async settle(success) {
      if (success) {
        await release(db, addressKey);
        await clear(db, pairKey);
      } else {
        await bump(db, throttleKeys.account(account), ACCOUNT_BRAKE.windowMs);
      }
    },
  };
}

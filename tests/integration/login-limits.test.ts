import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACCOUNT_ADDRESS_LIMIT, ACCOUNT_BRAKE, ADDRESS_LIMIT, throttleKeys } from "@/lib/server/auth/login-limits";
import { login } from "@/lib/server/auth/login";
import { hashPassword } from "@/lib/server/auth/password";
import { AppError } from "@/lib/server/http/app-error";
import { createDb, type Db } from "@/lib/server/db/client";
import { createTestDb, type TestDb } from "../support/test-db";

// login() against a real database (SQLite here, PostgreSQL in the integration-pg project): the
// limits are reserved before the password check and kept in the database.
let t: TestDb;
const RIGHT = "the-victims-right-passphrase";

beforeAll(async () => {
  t = await createTestDb();
  const passwordHash = await hashPassword(RIGHT);
  for (const username of ["victim", "other", ...Array.from({ length: 25 }, (_, i) => `user${i}`)]) {
    await t.db.user.create({ data: { username, role: "viewer", passwordHash } });
  }
});
afterAll(async () => {
  await t?.cleanup();
});
beforeEach(async () => {
  await t.db.loginThrottle.deleteMany();
});

/** The HTTP status login() would answer with. */
async function attempt(db: Db, username: string, password: string, ip: string): Promise<number> {
  try {
    await login(db, username, password, ip);
    return 200;
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});

describe("concurrent guesses at one account", () => {
  it("verify at most the limit: the rest are refused before the password check", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(t.db, "victim", `wrong-guess-${i}`, "198.51.100.7")),
    );
    const counts = tally(statuses);
    // 401 is only ever answered after a password check.
    expect(counts[401]).toBe(ACCOUNT_ADDRESS_LIMIT.max);
    expect(counts[429]).toBe(60 - ACCOUNT_ADDRESS_LIMIT.max);
  });

  it("do not let the right password in once the limit is reserved, even while the guesses are still being checked", async () => {
    const burst = Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(t.db, "victim", `wrong-guess-${i}`, "198.51.100.7")),
    );
    // Wait until the guesses hold every slot of this (account, address), then try the right password.
    const pair = throttleKeys.accountAddress("victim", "198.51.100.7");
    for (let i = 0; i < 500; i++) {
      const row = await t.db.loginThrottle.findUnique({ where: { key: pair } });
      if (row && row.count >= ACCOUNT_ADDRESS_LIMIT.max) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await attempt(t.db, "victim", RIGHT, "198.51.100.7")).toBe(429);
    expect(tally(await burst)[401]).toBe(ACCOUNT_ADDRESS_LIMIT.max);
  });

  it("share the limit across instances: counters live in the database", async () => {
    const second = createDb(t.url); // another server process's client
    try {
      for (let i = 0; i < 3; i++) expect(await attempt(t.db, "victim", `wrong-${i}`, "198.51.100.8")).toBe(401);
      for (let i = 0; i < 2; i++) expect(await attempt(second, "victim", `wrong-b${i}`, "198.51.100.8")).toBe(401);
      expect(await attempt(t.db, "victim", RIGHT, "198.51.100.8")).toBe(429);
      expect(await attempt(second, "victim", RIGHT, "198.51.100.8")).toBe(429);
    } finally {
      await second.$disconnect();
    }
  });
});

describe("nobody can lock another user out", () => {
  it("5 wrong passwords from 5 addresses leave the victim's right password from a clean address working", async () => {
    for (let i = 1; i <= 5; i++) expect(await attempt(t.db, "victim", `wrong-${i}`, `203.0.113.${i}`)).toBe(401);
    expect(await attempt(t.db, "victim", RIGHT, "192.0.2.50")).toBe(200);
  });

  it("the account-wide brake stops addresses that already failed, never a clean one", async () => {
    for (let i = 1; i <= ACCOUNT_BRAKE.max; i++)
      expect(await attempt(t.db, "victim", `wrong-${i}`, `203.0.113.${i}`)).toBe(401);
    // Braked: an address that failed against this account gets no second try…
    expect(await attempt(t.db, "victim", "wrong-again", "203.0.113.1")).toBe(429);
    // …a fresh address still gets its one try…
    expect(await attempt(t.db, "victim", "wrong-fresh", "203.0.113.200")).toBe(401);
    expect(await attempt(t.db, "victim", "wrong-fresh-2", "203.0.113.200")).toBe(429);
    // …and the victim's right password from a clean address logs in.
    expect(await attempt(t.db, "victim", RIGHT, "192.0.2.60")).toBe(200);
    // Other accounts are not braked.
    for (let i = 0; i < 3; i++) expect(await attempt(t.db, "other", `wrong-${i}`, "203.0.113.1")).toBe(401);
  });

  it("one address guessing across many accounts is stopped by the per-address limit", async () => {
    for (let i = 0; i < ADDRESS_LIMIT.max; i++)
      expect(await attempt(t.db, `user${i}`, "wrong-password", "198.51.100.99")).toBe(401);
    expect(await attempt(t.db, "user21", RIGHT, "198.51.100.99")).toBe(429);
    expect(await attempt(t.db, "user21", RIGHT, "198.51.100.100")).toBe(200);
  });

  it("successful logins do not use up an address's allowance (a NOC behind one NAT address)", async () => {
    for (let i = 0; i < ADDRESS_LIMIT.max + 5; i++)
      expect(await attempt(t.db, `user${i % 25}`, RIGHT, "192.0.2.77")).toBe(200);
    expect(await attempt(t.db, "user0", "wrong-password", "192.0.2.77")).toBe(401);
  });

  it("an unknown username is limited the same way, so limits reveal nothing", async () => {
    for (let i = 0; i < ACCOUNT_ADDRESS_LIMIT.max; i++)
      expect(await attempt(t.db, "nobody", `wrong-${i}`, "198.51.100.5")).toBe(401);
    expect(await attempt(t.db, "nobody", "wrong", "198.51.100.5")).toBe(429);
  });
});

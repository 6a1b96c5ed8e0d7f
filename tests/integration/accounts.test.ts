import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, getSessionUser } from "@/lib/server/auth/sessions";
import { AppError } from "@/lib/server/http/app-error";
import { changeOwnPassword, createUser, updateUser } from "@/lib/server/users/manage-users";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

describe("changing your own password", () => {
  it("ends every other session of yours, keeps this one and other users' sessions", async () => {
    const me = await createUser(t.db, { username: "jane", password: "janes-first-passphrase", role: "viewer" });
    const other = await createUser(t.db, { username: "joe", password: "joes-own-passphrase-1", role: "viewer" });
    const here = await createSession(t.db, me.id, "192.0.2.1");
    const laptop = await createSession(t.db, me.id, "192.0.2.2");
    const stolen = await createSession(t.db, me.id, "203.0.113.66");
    const joes = await createSession(t.db, other.id, "192.0.2.3");
    await changeOwnPassword(t.db, me.id, "janes-second-passphrase", here.token);
    expect(await getSessionUser(t.db, here.token)).toMatchObject({ username: "jane" });
    expect(await getSessionUser(t.db, laptop.token)).toBeNull();
    expect(await getSessionUser(t.db, stolen.token)).toBeNull();
    expect(await getSessionUser(t.db, joes.token)).toMatchObject({ username: "joe" });
  });
});

describe("adding users", () => {
  it("answers 409 to every loser of a race for one username, never a bare error", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        createUser(t.db, { username: "racer", password: "racers-passphrase-1", role: "viewer" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      const err = (r as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(409);
    }
    expect(await t.db.user.count({ where: { username: "racer" } })).toBe(1);
  });

  it("an admin reset refuses the user's own name as password", async () => {
    const u = await createUser(t.db, { username: "operator.kim", password: "kims-first-passphrase", role: "viewer" });
    const err = await updateUser(t.db, u.id, { password: "Operator.Kim2026" }).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).message).toMatch(/must not be the username/);
  });
});

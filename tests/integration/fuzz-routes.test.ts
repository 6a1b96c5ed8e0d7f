import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probes, isProbeId } from "@/lib/server/probes";
import { startAppServer, type AppServer } from "../support/app-server";
import { findAppRoutes } from "../support/app-routes";
import { createRoleUsers, loginCookie } from "../support/auth";
import { prng, randomBody } from "../support/random-body";
import { createTestDb, type TestDb } from "../support/test-db";

// Thousands of random bodies to every mutation route, as an admin (so validation, not the role
// check, answers): never a 5xx, always the one error shape. Polling is off and every id in a
// path is unknown or garbage, so nothing is ever contacted.
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const BODIES_PER_ROUTE = 150;
const PATH_IDS = ["cnotfound00000000000000000", "..%2F..%2Fetc", "x".repeat(300), "%00", "12", "%E0%A4%A", "%zz"];

let t: TestDb;
let app: AppServer;
let cookie: string;

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "c".repeat(64) });
  cookie = await loginCookie(app.url, "admin");
});
afterAll(async () => {
  await app?.stop();
  await t?.cleanup();
});

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

describe("fuzzing every mutation route", () => {
  it(`never answers 5xx (seed ${SEED})`, async () => {
    const r = prng(SEED);
    const mutations = findAppRoutes().flatMap((route) =>
      route.methods.filter((m) => m !== "GET").map((method) => ({ method, pattern: route.pattern })),
    );
    expect(mutations.length).toBeGreaterThan(10);
    let sent = 0;
    const failures: string[] = [];
    const byStatus: Record<number, number> = {};
    for (const { method, pattern } of mutations) {
      if (pattern === "/api/auth/logout") continue; // would end the fuzzing session itself
      for (let i = 0; i < BODIES_PER_ROUTE; i++) {
        const path = pattern.replace(/\[(\w+)\]/g, (_, k: string) =>
          k === "series"
            ? "relay-usage"
            : k === "probe"
              ? ["dns", "tls", "port", "turn"][Math.floor(r() * 4)]!
              : k === "kind"
                ? ["cms-log", "har", "webrtc-internals", "pcap"][Math.floor(r() * 4)]!
                : PATH_IDS[Math.floor(r() * PATH_IDS.length)]!,
        );
        const body = randomBody(r);
        // A body a probe accepts would make the server send packets to whatever it names; traffic
        // stays on this machine, so probe routes get only bodies their schema must refuse.
        const probe = path.match(/^\/api\/probes\/([\w-]+)$/)?.[1];
        if (probe && isProbeId(probe) && probes[probe].input.safeParse(safeJson(body)).success) continue;
        const res = await fetch(`${app.url}${path}`, {
          method,
          headers: { cookie, origin: app.url, "content-type": r() < 0.9 ? "application/json" : "text/plain" },
          body,
        });
        const text = await res.text();
        sent++;
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        if (res.status >= 500)
          failures.push(
            `${method} ${path} ${res.status} body=${JSON.stringify(body).slice(0, 200)} → ${text.slice(0, 200)}`,
          );
        else if (res.status >= 400 && !/^\{"error":\{"code":"[a-z_]+","message":"[^"]+/.test(text))
          failures.push(`${method} ${path} ${res.status} not the error shape: ${text.slice(0, 200)}`);
        if (res.status === 401) cookie = await loginCookie(app.url, "admin"); // e.g. a random body changed nothing, but stay logged in regardless
      }
    }
    console.log(`fuzz: ${sent} requests, by status ${JSON.stringify(byStatus)}`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(2000);
    // The bodies must reach validation and beyond, not bounce off one early check.
    expect(byStatus[400]).toBeGreaterThan(1000);
    expect(Object.keys(byStatus).length).toBeGreaterThanOrEqual(3);
  }, 240_000);
});

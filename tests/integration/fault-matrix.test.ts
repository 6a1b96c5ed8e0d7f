import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collectorsFor } from "@/lib/server/collectors";
import type { FaultName } from "@/lib/server/lab/faults";
import { ALL_NODES } from "../support/collected";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// Every transport fault on one node of each kind → every source of that node records the right
// typed outcome, the other three nodes keep being polled ok, nothing is stored for the broken
// node, and the next cycle after the fault clears is normal.

const FAULT_OUTCOMES: [FaultName, string, RegExp][] = [
  ["refused", "unreachable", /ECONNREFUSED/],
  ["reset-mid-body", "unreachable", /./],
  ["slow-headers", "timeout", /UND_ERR_HEADERS_TIMEOUT/],
  ["slow-body", "timeout", /UND_ERR_BODY_TIMEOUT/],
  ["http-401", "auth", /HTTP 401/],
  ["http-403", "auth", /HTTP 403/],
  ["http-500", "http", /HTTP 500/],
  ["malformed-xml", "parse", /malformed XML at line/],
  ["huge-body", "http", /larger than 5 MB/],
  ["untrusted-tls", "tls", /TLS verification failed/],
  ["hostname-mismatch", "tls", /ERR_TLS_CERT_ALTNAME_INVALID/],
  ["redirect-off-host", "http", /redirected off the node to https:\/\/elsewhere\.example\.net/],
];
const BROKEN_NODES = ["vcs-c", "vcs-e1", "cms1"]; // one of each role: together they run every source

let f: LabFixture;
let ids: Record<string, string>;
beforeAll(async () => {
  f = await startLabFixture();
  ids = Object.fromEntries(await Promise.all(ALL_NODES.map(async (k) => [k, await f.nodeId(k)] as const)));
});
afterAll(() => f?.stop());
beforeEach(() => f.lab.clearFaults());

/** Rows of data (snapshots and samples) stored for a node: a failed source must add none. */
async function dataRows(nodeId: string): Promise<number> {
  const db = f.t.db;
  const [a, b, c, d, e, s] = await Promise.all([
    db.turnRelaySample.count({ where: { nodeId } }),
    db.turnPortSample.count({ where: { nodeId } }),
    db.turnServerSample.count({ where: { nodeId } }),
    db.systemSample.count({ where: { nodeId } }),
    db.snapshot.count({ where: { nodeId } }),
    db.snapshot.aggregate({ where: { nodeId }, _max: { lastSeenAt: true } }),
  ]);
  return a + b + c + d + e + (s._max.lastSeenAt?.getTime() ?? 0);
}

const pollAll = () => f.poller.pollNow(Object.values(ids));

describe.each(BROKEN_NODES)("transport faults on %s", (broken) => {
  it.each(FAULT_OUTCOMES)(
    "%s → %s for every source; the other nodes stay ok; the next cycle is normal",
    async (fault, outcome, message) => {
      const role = f.lab.nodes.find((n) => n.key === broken)!.role;
      await pollAll(); // a baseline, so "nothing stored" below compares against real data
      const before = await dataRows(ids[broken]!);
      await f.lab.setFault(fault, broken);

      const out = await pollAll();
      const bad = out.get(ids[broken]!)!;
      expect(bad.map((o) => o.source).sort()).toEqual(
        collectorsFor(role)
          .map((c) => c.id)
          .sort(),
      );
      for (const o of bad) expect(o, o.source).toMatchObject({ outcome, message: expect.stringMatching(message) });
      for (const key of ALL_NODES.filter((k) => k !== broken)) {
        for (const o of out.get(ids[key]!)!)
          expect(o, `${key} ${o.source}: ${o.message}`).toMatchObject({ outcome: "ok" });
      }
      expect(await dataRows(ids[broken]!)).toBe(before);

      await f.lab.clearFaults();
      const after = await f.poller.pollNow([ids[broken]!]);
      for (const o of after.get(ids[broken]!)!) expect(o, `${o.source}: ${o.message}`).toMatchObject({ outcome: "ok" });
      expect(await dataRows(ids[broken]!)).toBeGreaterThan(before);
    },
  );
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FaultName } from "@/lib/server/lab/faults";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

const SOURCE = "expressway-e.turn-relays";
let f: LabFixture;
let e1: string;
let e2: string;

beforeAll(async () => {
  f = await startLabFixture();
  e1 = await f.nodeId("vcs-e1");
  e2 = await f.nodeId("vcs-e2");
});
afterAll(() => f?.stop());
beforeEach(() => f.lab.clearFaults());

const samples = (nodeId: string) => f.t.db.turnRelaySample.count({ where: { nodeId } });
const outcomeOf = async (nodeId: string) =>
  (await f.poller.pollNow([nodeId])).get(nodeId)!.find((o) => o.source === SOURCE)!;

describe("poller against the lab", () => {
  it("stores relay samples and an ok PollRun per attempt", async () => {
    const before = await samples(e1);
    const outcomes = await f.poller.pollNow([e1, e2]);
    expect(outcomes.get(e1)).toContainEqual(expect.objectContaining({ source: SOURCE, outcome: "ok", message: null }));
    expect(outcomes.get(e1)!.every((o) => o.outcome === "ok")).toBe(true);
    expect(await samples(e1)).toBe(before + 1);
    const s = await f.t.db.turnRelaySample.findFirstOrThrow({ where: { nodeId: e1 }, orderBy: { ts: "desc" } });
    expect(s.serverStatus).toBe("Active");
    expect(s.peak).toBeGreaterThanOrEqual(s.current);
    expect(await f.t.db.pollRun.count({ where: { nodeId: e1, source: SOURCE, outcome: "ok" } })).toBeGreaterThan(0);
  });

  it("records malformed XML as a parse failure, stores nothing for that node, and keeps polling the others", async () => {
    await f.lab.setFault("malformed-xml", "vcs-e1");
    const [b1, b2] = [await samples(e1), await samples(e2)];
    const outcomes = await f.poller.pollNow([e1, e2]);
    expect(outcomes.get(e1)!.find((o) => o.source === SOURCE)).toMatchObject({
      outcome: "parse",
      message: expect.stringMatching(/malformed XML at line/),
    });
    expect(outcomes.get(e2)!.find((o) => o.source === SOURCE)!.outcome).toBe("ok");
    expect(await samples(e1)).toBe(b1);
    expect(await samples(e2)).toBe(b2 + 1);

    await f.lab.clearFaults();
    expect((await outcomeOf(e1)).outcome).toBe("ok");
    expect(await samples(e1)).toBe(b1 + 1);
  });

  it("sees the TURN server go Inactive", async () => {
    await f.lab.setFault("turn-inactive", "vcs-e2");
    await f.poller.pollNow([e2]);
    const s = await f.t.db.turnRelaySample.findFirstOrThrow({ where: { nodeId: e2 }, orderBy: { ts: "desc" } });
    expect(s.serverStatus).toBe("Inactive");
  });

  // Every transport fault maps to the outcome an operator can act on.
  it.each<[FaultName, string, RegExp]>([
    ["refused", "unreachable", /ECONNREFUSED/],
    ["reset-mid-body", "unreachable", /./],
    ["slow-headers", "timeout", /UND_ERR_HEADERS_TIMEOUT/],
    ["slow-body", "timeout", /UND_ERR_BODY_TIMEOUT/],
    ["http-401", "auth", /HTTP 401/],
    ["http-403", "auth", /HTTP 403/],
    ["http-500", "http", /HTTP 500/],
    ["huge-body", "http", /larger than 5 MB/],
    ["untrusted-tls", "tls", /TLS verification failed/],
    ["hostname-mismatch", "tls", /ERR_TLS_CERT_ALTNAME_INVALID/],
    ["redirect-off-host", "http", /redirected off the node to https:\/\/elsewhere\.example\.net/],
  ])("fault %s is recorded as %s, and the next cycle after clearing is normal", async (fault, outcome, message) => {
    await f.lab.setFault(fault, "vcs-e1");
    const before = await samples(e1);
    const [bad, other] = await Promise.all([outcomeOf(e1), outcomeOf(e2)]);
    expect(bad).toMatchObject({ outcome, message: expect.stringMatching(message) });
    expect(other.outcome).toBe("ok");
    expect(await samples(e1)).toBe(before);
    const run = await f.t.db.pollRun.findFirstOrThrow({ where: { nodeId: e1 }, orderBy: { id: "desc" } });
    expect(run.outcome).toBe(outcome);

    await f.lab.clearFaults();
    expect((await outcomeOf(e1)).outcome).toBe("ok");
    expect(await samples(e1)).toBe(before + 1);
  });

  it("runs on its own schedule without overlapping a node's cycles", async () => {
    const fast = await import("../support/lab-fixture").then((m) =>
      m.startLabFixture({
        EDGESCOPE_RELAY_INTERVAL_MS: "1000",
        EDGESCOPE_TICK_MS: "100",
        EDGESCOPE_HTTP_TIMEOUT_MS: "1000",
      }),
    );
    try {
      await fast.lab.setFault("slow-headers", "vcs-e1");
      const slow = await fast.nodeId("vcs-e1");
      const healthy = await fast.nodeId("vcs-e2");
      fast.poller.start();
      await new Promise((r) => setTimeout(r, 4500));
      await fast.poller.stop();
      // One source's runs: each belongs to another cycle (the sources of one cycle run together).
      const runs = await fast.t.db.pollRun.findMany({
        where: { nodeId: slow, source: SOURCE },
        orderBy: { startedAt: "asc" },
      });
      // Each slow cycle lasts > interval: cycles must follow each other, never overlap.
      for (let i = 1; i < runs.length; i++)
        expect(runs[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt.getTime());
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.every((r) => r.outcome === "timeout")).toBe(true);
      expect(await fast.t.db.turnRelaySample.count({ where: { nodeId: healthy } })).toBeGreaterThanOrEqual(3);
    } finally {
      await fast.stop();
    }
  });
});

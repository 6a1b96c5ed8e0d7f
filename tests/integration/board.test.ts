import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BoardArea } from "@/lib/domain/api-types";
import type { FaultName } from "@/lib/server/lab/faults";
import { getBoard } from "@/lib/server/board/board-summary";
import { recordCheckStates } from "@/lib/server/checks/check-recorder";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { ProbeRunner } from "@/lib/server/checks/probe-runner";
import { getDeploymentStatus } from "@/lib/server/deployments/deployment-status";
import { ALL_NODES, pollOk } from "../support/collected";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// The board against the lab over HTTPS: the checks it evaluates on the status it already loaded
// are the checks' own answer, and check-based areas say since when from the recorded changes.

let f: LabFixture;
const runner = new ProbeRunner();

beforeAll(async () => {
  f = await startLabFixture();
});
afterAll(() => f?.stop());
beforeEach(async () => {
  await f.lab.clearFaults();
  await f.t.db.checkState.deleteMany();
});

const pollAll = async () => f.poller.pollNow(await Promise.all(ALL_NODES.map((k) => f.nodeId(k))));
const areaOf = async (area: string, now = new Date()): Promise<BoardArea> => {
  const { tiles } = await getBoard(f.t.db, f.env, f.box, now);
  return tiles[0]!.areas.find((a) => a.area === area)!;
};

describe("the board's checks", () => {
  const CASES: [string, FaultName | null, string | null][] = [
    ["a healthy lab", null, null],
    ["a configuration fault", "turnserver-missing", "vcs-e2"],
    ["a failing source (HTTP 500)", "http-500", "vcs-e1"],
    ["broken XML from the CMS", "malformed-xml", "cms1"],
  ];
  it.each(CASES)("on %s equal what the checks read themselves", async (_name, fault, node) => {
    if (fault) await f.lab.setFault(fault, node);
    await pollAll();
    const at = Date.now();
    const own = await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner, now: () => at });
    const status = await getDeploymentStatus(f.t.db, f.env, f.deploymentId, new Date(at));
    const fromStatus = await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner, now: () => at, status });
    expect(fromStatus).toEqual(own);
    if (fault) expect(own.checks.filter((c) => c.status !== "pass" && c.area !== "dns-tls").length).toBeGreaterThan(0);
  });

  it("refuses the status of another deployment", async () => {
    const other = await f.t.db.deployment.create({ data: { name: "Other", joinUrl: "join.example.org", callBridgeDomain: "example.org" } });
    const status = await getDeploymentStatus(f.t.db, f.env, other.id);
    await expect(getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner, status })).rejects.toThrow(/status of/);
    await f.t.db.deployment.delete({ where: { id: other.id } });
  });
});

describe("since for check-based areas", () => {
  it("dates an area from the recorded change that began its status, and gives none until it is recorded", async () => {
    await pollOk(f, ALL_NODES);
    // The recorder saw the healthy lab ten minutes ago: DNS and TLS unknown (no resolvers set).
    const t0 = new Date(Date.now() - 600_000);
    await recordCheckStates(f.t.db, f.deploymentId, (await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner })).checks, t0);
    expect(await areaOf("dns-tls")).toMatchObject({ health: "unknown", since: t0.toISOString() });
    expect((await areaOf("tunnels")).since).toBeNull(); // green carries no date

    await f.lab.setFault("turnserver-missing", "vcs-e2");
    await pollOk(f, ALL_NODES);
    // C5 fails now, but the recorder has not written it yet: a start is not known, so none is shown.
    expect(await areaOf("turn-servers")).toMatchObject({ health: "failing", since: null });
    const t1 = new Date(Date.now() - 1000);
    await recordCheckStates(f.t.db, f.deploymentId, (await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner })).checks, t1);
    const area = await areaOf("turn-servers");
    expect(area).toMatchObject({ health: "failing", since: t1.toISOString() });
    expect(area.detail).toMatch(/vcs-e2/);
  });

  it("dates a failing source from its first failed poll", async () => {
    await pollOk(f, ALL_NODES);
    await f.lab.setFault("http-500", "vcs-e1");
    const before = Date.now();
    await pollAll();
    await pollAll();
    const first = await f.t.db.pollRun.findFirst({ where: { nodeId: await f.nodeId("vcs-e1"), source: "expressway-e.turn-relays", startedAt: { gte: new Date(before) } }, orderBy: { startedAt: "asc" } });
    expect(first!.outcome).toBe("http");
    const area = await areaOf("turn-relays");
    expect(area.health).toBe("failing");
    expect(area.since).toBe(first!.startedAt.toISOString());
    expect(Date.parse(area.since!)).toBeGreaterThanOrEqual(before);
  });
});

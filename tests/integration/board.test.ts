import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BoardArea } from "@/lib/domain/api-types";
import type { FaultName } from "@/lib/server/lab/faults";
import { getBoard } from "@/lib/server/board/board-summary";
import { CHECK_HISTORY_ROWS, getCheckChanges } from "@/lib/server/checks/check-states";
import { recordCheckStates } from "@/lib/server/checks/check-states";
import { evaluateDeployments, getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { ProbeRunner } from "@/lib/server/probes/probe-runner";
import { getDeploymentStatus } from "@/lib/server/deployments/deployment-status";
import { seedLabDeployment, seedLabTurnCredentials } from "@/lib/server/demo/seed-lab";
import { ALL_NODES, pollOk } from "../support/collected";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// The board against the lab over HTTPS: the checks and statuses it reads for every deployment at
// once are each deployment's own answer (a batch of one), and check-based areas say since when
// from the recorded changes.

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
    const own = await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, {
      probes: "cached",
      runner,
      now: () => at,
    });
    // As the board reads it: every deployment's status and checks in one batch.
    const batch = await evaluateDeployments(f.t.db, f.env, f.box, undefined, {
      probes: "cached",
      runner,
      now: () => at,
    });
    expect(batch.find((e) => e.status.deployment.id === f.deploymentId)!.checks).toEqual(own);
    if (fault) expect(own.checks.filter((c) => c.status !== "pass" && c.area !== "dns-tls").length).toBeGreaterThan(0);
  });
});

describe("since for check-based areas", () => {
  it("dates an area from the recorded change that began its status, and gives none until it is recorded", async () => {
    await pollOk(f, ALL_NODES);
    // The recorder saw the healthy lab ten minutes ago: DNS and TLS unknown (no resolvers set).
    const t0 = new Date(Date.now() - 600_000);
    await recordCheckStates(
      f.t.db,
      f.deploymentId,
      (await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner })).checks,
      t0,
    );
    expect(await areaOf("dns-tls")).toMatchObject({ health: "unknown", since: t0.toISOString() });
    expect((await areaOf("tunnels")).since).toBeNull(); // green carries no date

    await f.lab.setFault("turnserver-missing", "vcs-e2");
    await pollOk(f, ALL_NODES);
    // C5 fails now, but the recorder has not written it yet: a start is not known, so none is shown.
    expect(await areaOf("turn-servers")).toMatchObject({ health: "failing", since: null });
    const t1 = new Date(Date.now() - 1000);
    await recordCheckStates(
      f.t.db,
      f.deploymentId,
      (await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner })).checks,
      t1,
    );
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
    const first = await f.t.db.pollRun.findFirst({
      where: {
        nodeId: await f.nodeId("vcs-e1"),
        source: "expressway-e.turn-relays",
        startedAt: { gte: new Date(before) },
      },
      orderBy: { startedAt: "asc" },
    });
    expect(first!.outcome).toBe("http");
    const area = await areaOf("turn-relays");
    expect(area.health).toBe("failing");
    expect(area.since).toBe(first!.startedAt.toISOString());
    expect(Date.parse(area.since!)).toBeGreaterThanOrEqual(before);
  });
});

describe("the check history behind since", () => {
  it("reads the newest CHECK_HISTORY_ROWS changes of each check, oldest first, and says when it cut", async () => {
    const t0 = Date.UTC(2026, 10, 24, 0, 0, 0);
    const change = (checkId: string, i: number) => ({
      deploymentId: f.deploymentId,
      checkId,
      status: i % 2 ? "fail" : "pass",
      summary: "",
      at: new Date(t0 + i * 60_000),
    });
    await f.t.db.checkState.createMany({
      data: [
        ...Array.from({ length: CHECK_HISTORY_ROWS + 5 }, (_, i) => change("long", i)),
        ...[0, 1, 2].map((i) => change("short", i)),
      ],
    });
    const got = (
      await getCheckChanges(f.t.db, [{ deploymentId: f.deploymentId, checkIds: ["long", "short", "none"] }])
    ).get(f.deploymentId)!;
    const long = got.get("long")!;
    expect(long.cut).toBe(true);
    expect(long.changes.map((c) => c.at)).toEqual(
      Array.from({ length: CHECK_HISTORY_ROWS }, (_, i) => t0 + (i + 5) * 60_000),
    );
    expect(long.changes[0]!.status).toBe("fail");
    expect(got.get("short")).toEqual({
      cut: false,
      changes: [0, 1, 2].map((i) => ({ status: i % 2 ? "fail" : "pass", at: t0 + i * 60_000 })),
    });
    expect(got.get("none")).toEqual({ cut: false, changes: [] });
  });
});

describe("the board's batched status read", () => {
  // Beside the lab's deployment: a second one on the same lab nodes (with TURN credentials), one
  // whose only node never answers, one whose node was never polled, and one without nodes.
  let copyId: string, deadId: string, freshId: string, emptyId: string;
  let polled: string[];
  beforeAll(async () => {
    const db = f.t.db;
    copyId = await seedLabDeployment(db, f.box, {
      deployment: { ...f.lab.deployment, name: "Lab copy" },
      nodes: f.lab.nodes.map((n) => ({ ...n, name: `${n.name}-copy` })),
      caPem: f.lab.caPem,
    });
    await seedLabTurnCredentials(
      db,
      f.box,
      { nodes: f.lab.nodes.map((n) => ({ ...n, name: `${n.name}-copy` })) },
      copyId,
    );
    const node = (deploymentId: string, name: string, baseUrl: string) => ({
      deploymentId,
      role: "EXPRESSWAY_C" as const,
      name,
      baseUrl,
      username: "admin",
      passwordEnc: f.box.seal("x"),
    });
    const site = (name: string) =>
      db.deployment.create({ data: { name, joinUrl: "join.example.net", callBridgeDomain: "example.net" } });
    deadId = (await site("Dead")).id;
    await db.node.create({ data: node(deadId, "dead-c", `https://127.0.0.1:${await closedPort()}`) });
    freshId = (await site("Fresh")).id;
    await db.node.create({ data: node(freshId, "fresh-c", "https://127.0.0.1:9") });
    emptyId = (await site("Empty")).id;
    polled = (
      await db.node.findMany({
        where: { deploymentId: { in: [f.deploymentId, copyId, deadId] } },
        select: { id: true },
      })
    ).map((n) => n.id);
  });
  afterAll(async () => {
    await f.t.db.deployment.deleteMany({ where: { id: { in: [copyId, deadId, freshId, emptyId] } } });
  });

  const expectSameAsEachRead = async () => {
    const now = new Date();
    const batched = (
      await evaluateDeployments(f.t.db, f.env, f.box, undefined, { probes: "cached", runner, now: () => now.getTime() })
    ).map((e) => e.status);
    expect(batched.map((s) => s.deployment.id).sort()).toEqual(
      [f.deploymentId, copyId, deadId, freshId, emptyId].sort(),
    );
    for (const s of batched)
      expect(s, s.deployment.name).toStrictEqual(await getDeploymentStatus(f.t.db, f.env, s.deployment.id, now));
    return new Map(batched.map((s) => [s.deployment.id, s]));
  };

  it("gives every deployment the status its own read gives, healthy and with faults", async () => {
    await f.poller.pollNow(polled);
    const healthy = await expectSameAsEachRead();
    expect(
      healthy
        .get(copyId)!
        .nodes.flatMap((n) => n.sources)
        .every((s) => s.lastRun?.outcome === "ok" && s.latest !== null),
    ).toBe(true);
    expect(
      healthy
        .get(deadId)!
        .nodes[0]!.sources.every(
          (s) => s.lastRun?.outcome === "unreachable" && s.lastOkAt === null && s.latest === null,
        ),
    ).toBe(true);
    expect(healthy.get(freshId)!.nodes[0]!.sources.every((s) => s.lastRun === null && s.latest === null)).toBe(true);

    // Faults after a healthy poll: failed last runs over older successful ones and stored data.
    await f.lab.setFault("http-500", "vcs-e1");
    await f.lab.setFault("malformed-xml", "cms1");
    await f.lab.setFault("turnserver-missing", "vcs-e2");
    await f.lab.setFault("tunnel-inactive", "vcs-e2");
    await f.lab.setFault("cms-alarms", "cms1");
    await f.poller.pollNow(polled);
    const faulty = await expectSameAsEachRead();
    const e1 = faulty
      .get(copyId)!
      .nodes.find((n) => n.name === `${f.lab.nodes.find((x) => x.key === "vcs-e1")!.name}-copy`)!;
    expect(e1.sources.every((s) => s.lastRun?.outcome === "http" && s.lastOkAt !== null && s.latest !== null)).toBe(
      true,
    );
  });

  it("dates a source that never succeeded from its first failed poll", async () => {
    const dead = await f.t.db.node.findFirstOrThrow({ where: { deploymentId: deadId }, select: { id: true } });
    await f.poller.pollNow([dead.id]);
    await f.poller.pollNow([dead.id]);
    const first = await f.t.db.pollRun.findFirstOrThrow({
      where: { nodeId: dead.id, source: "expressway-c.tunnels" },
      orderBy: { startedAt: "asc" },
    });
    const { tiles } = await getBoard(f.t.db, f.env, f.box);
    const tunnels = tiles.find((t) => t.id === deadId)!.areas.find((a) => a.area === "tunnels")!;
    expect(tunnels).toMatchObject({ health: "failing", since: first.startedAt.toISOString() });
    expect(tiles.map((t) => t.id).sort()).toEqual([f.deploymentId, copyId, deadId, freshId, emptyId].sort());
  });
});

/** A loopback port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectorsFor } from "@/lib/server/collectors";
import { getDeploymentStatus } from "@/lib/server/deployments/deployment-status";
import { LAB_NODES } from "@/lib/server/lab/topology";
import { ALL_NODES, contentOf, latestOf, pollOk } from "../support/collected";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// The lab's whole topology, polled once, as the status API shows it: every source of every node
// ok, and the sources agree with each other (one Join URL, tunnels and turnServers for both E nodes).

let f: LabFixture;
beforeAll(async () => {
  f = await startLabFixture(); // the lab's CMS answers one item per page: paging is exercised
  await pollOk(f, ALL_NODES);
});
afterAll(() => f?.stop());

const E = LAB_NODES.filter((n) => n.role === "EXPRESSWAY_E");
const CMS = LAB_NODES.find((n) => n.role === "CMS")!;

describe("the lab topology through getDeploymentStatus", () => {
  it("lists every source of every node with an ok outcome, data and age", async () => {
    const status = await getDeploymentStatus(f.t.db, f.env, f.deploymentId);
    expect(status.nodes.map((n) => n.name).sort()).toEqual(LAB_NODES.map((n) => n.name).sort());
    for (const node of status.nodes) {
      expect(node.sources.map((s) => s.source)).toEqual(collectorsFor(node.role).map((c) => c.id));
      for (const s of node.sources) {
        expect(s, `${node.name} ${s.source}`).toMatchObject({
          lastRun: { outcome: "ok", message: null },
          stale: false,
          latest: expect.anything(),
        });
        expect(s.ageMs).toBeGreaterThanOrEqual(0);
      }
    }
    expect(status.nodes.flatMap((n) => n.sources).length).toBe(6 + 4 + 4 + 8);
  });

  it("shows Expressway-C tunnels for the Join URL domain to both Expressway-E nodes, Active (V3)", async () => {
    const { tunnels } = await contentOf<{ tunnels: { target: string; domain: string; status: string }[] }>(
      f,
      "vcs-c",
      "expressway-c.tunnels",
    );
    const web = tunnels.filter((t) => t.domain === f.lab.deployment.joinUrl);
    expect(web.map((t) => t.target).sort()).toEqual(E.map((e) => e.name).sort());
    expect(web.every((t) => t.status === "Active")).toBe(true);
  });

  it("shows the web proxy on, the Join URL as guest URI, resolved to the Web Bridge (C1, V1), and https + wss rules (V2)", async () => {
    const settings = await contentOf(f, "vcs-c", "expressway-c.cms-settings");
    expect(settings).toEqual({
      webProxyEnabled: true,
      guestAccountClientUri: f.lab.deployment.joinUrl,
      resolved: [{ name: f.lab.deployment.joinUrl, address: CMS.privateAddress }],
    });
    const { rules } = await contentOf<{ rules: { protocol: string; port: number; path: string }[] }>(
      f,
      "vcs-c",
      "expressway-c.allowlist-auto",
    );
    expect(rules.map((r) => `${r.protocol}:${r.port}${r.path}`)).toEqual(["https:443/", "wss:443/"]);
  });

  it("shows one turnServer per Expressway-E, private serverAddress, public clientAddress, type expressway (C5), read over several pages", async () => {
    expect(f.lab.cmsMaxPageSize).toBe(1);
    const { turnServers } = await contentOf<{
      turnServers: { serverAddress: string; clientAddress: string; type: string; tcpPortNumberOverride: number }[];
    }>(f, "cms1", "cms.turn-servers");
    expect(turnServers.map((t) => [t.serverAddress, t.clientAddress]).sort()).toEqual(
      E.map((e) => [e.privateAddress, e.publicAddress]).sort(),
    );
    expect(turnServers.every((t) => t.type === "expressway" && t.tcpPortNumberOverride === 3478)).toBe(true);
  });

  it("stores an RTT and allocations sample per turnServer host (V4)", async () => {
    const cms = await f.nodeId("cms1");
    const samples = await f.t.db.turnServerSample.findMany({ where: { nodeId: cms } });
    expect(samples.map((s) => s.hostAddress).sort()).toEqual(E.map((e) => e.privateAddress).sort());
    for (const s of samples) expect(s.rttMs).toBeGreaterThan(0);
  });

  it("shows relays and an Active TURN server on both Expressway-E nodes, with per-port counts", async () => {
    for (const e of E) {
      const r = await latestOf<{ serverStatus: string; current: number; ports: { port: number }[] }>(
        f,
        e.key,
        "expressway-e.turn-relays",
      );
      expect(r.serverStatus).toBe("Active");
      expect(r.ports.map((p) => p.port)).toEqual([3478]);
    }
  });

  it("shows versions on every node (R1) and CMS activated with its uptime", async () => {
    for (const key of ["vcs-c", "vcs-e1", "vcs-e2"])
      expect(await contentOf(f, key, "expressway.system")).toMatchObject({
        version: "X15.2.1",
        versionFrom: "SystemUnit",
      });
    expect(await latestOf(f, "cms1", "cms.system")).toMatchObject({
      content: { softwareVersion: "3.9.2", activated: true },
      uptimeSeconds: expect.any(Number),
    });
    // The lab CMS lists its Web Bridge and Call Bridge at its own loopback address (docs/lab.md).
    const cms = new URL(f.lab.nodes.find((n) => n.key === "cms1")!.url);
    expect(await contentOf(f, "cms1", "cms.web-bridges")).toMatchObject({ webBridges: [{ url: `c2w://${cms.host}` }] });
    expect(await contentOf(f, "cms1", "cms.call-bridges")).toMatchObject({
      callBridges: [{ name: "cms1", address: cms.origin }],
    });
  });

  it("on the next cycle keeps one snapshot per tabular source (a heartbeat) while samples grow", async () => {
    const [snapshots, samples] = [await f.t.db.snapshot.count(), await f.t.db.turnServerSample.count()];
    await pollOk(f, ALL_NODES);
    expect(await f.t.db.snapshot.count()).toBe(snapshots);
    expect(await f.t.db.turnServerSample.count()).toBe(samples + 2);
    const tunnels = await f.t.db.snapshot.findFirstOrThrow({ where: { source: "expressway-c.tunnels" } });
    expect(tunnels.lastSeenAt.getTime()).toBeGreaterThan(tunnels.firstSeenAt.getTime());
  });
});

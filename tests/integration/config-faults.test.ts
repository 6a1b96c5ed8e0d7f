import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FaultName } from "@/lib/server/lab/faults";
import { FAULTS } from "@/lib/server/lab/faults";
import { PEER_CALL_BRIDGE_ID, turnServerId } from "@/lib/server/lab/sources/cms-objects";
import { probeTls } from "@/lib/server/probes/tls";
import { auditEndpoint } from "@/lib/server/probes/certificate-audit";
import { ALL_NODES, contentOf, latestOf, pollOk } from "../support/collected";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// Every configuration fault switch changes the polled data the way the domain brief describes,
// and the data is back to the healthy baseline after the switch is cleared.

type Tunnel = { target: string; domain: string; status: string };
type Turn = { id: string; serverAddress: string; clientAddress: string; type: string };
type TurnLatest = {
  content: { turnServers: Turn[] };
  status: { hosts: { turnServerId: string; rttMs: number | null; reachable: boolean | null }[] };
};

let f: LabFixture;
let baseline: Map<string, unknown>;
const SNAPSHOT_SOURCES: [string, string][] = [
  ["vcs-c", "expressway-c.tunnels"],
  ["vcs-c", "expressway-c.allowlist-auto"],
  ["vcs-c", "expressway-c.cms-settings"],
  ["vcs-c", "expressway.alarms"],
  ["vcs-e1", "expressway.alarms"],
  ["vcs-e1", "expressway.system"],
  ["cms1", "cms.turn-servers"],
  ["cms1", "cms.system"],
  ["cms1", "cms.alarms"],
];
const snapshotAll = async () =>
  new Map(await Promise.all(SNAPSHOT_SOURCES.map(async ([k, s]) => [`${k} ${s}`, await contentOf(f, k, s)] as const)));

beforeAll(async () => {
  f = await startLabFixture();
  await pollOk(f, ALL_NODES);
  baseline = await snapshotAll();
});
afterAll(() => f?.stop());
beforeEach(() => f.lab.clearFaults());

const tunnels = async () => (await contentOf<{ tunnels: Tunnel[] }>(f, "vcs-c", "expressway-c.tunnels")).tunnels;
const turnFor = async (eKey: string) =>
  (await contentOf<{ turnServers: Turn[] }>(f, "cms1", "cms.turn-servers")).turnServers.find(
    (t) => t.id === turnServerId(eKey),
  );
const rttFor = async (eKey: string) =>
  (await latestOf<TurnLatest>(f, "cms1", "cms.turn-servers")).status.hosts.find(
    (h) => h.turnServerId === turnServerId(eKey),
  )?.rttMs;

const CASES: [FaultName, string | null, () => Promise<void>][] = [
  [
    "tunnel-inactive",
    "vcs-e2",
    async () => {
      const t = await tunnels();
      expect(t.filter((x) => x.target === "vcs-e2.example.local").map((x) => x.status)).toEqual([
        "Inactive",
        "Inactive",
      ]);
      expect(t.filter((x) => x.target === "vcs-e1.example.local").every((x) => x.status === "Active")).toBe(true);
    },
  ],
  [
    "wss-rule-missing",
    null,
    async () => {
      const { rules } = await contentOf<{ rules: { protocol: string }[] }>(f, "vcs-c", "expressway-c.allowlist-auto");
      expect(rules.map((r) => r.protocol)).toEqual(["https"]);
    },
  ],
  [
    "web-proxy-disabled",
    "vcs-c",
    async () => {
      expect(await contentOf(f, "vcs-c", "expressway-c.cms-settings")).toEqual({
        webProxyEnabled: false,
        guestAccountClientUri: "webbridge.example.com",
        resolved: [],
      });
      expect(await contentOf(f, "vcs-c", "expressway-c.allowlist-auto")).toEqual({ rules: [] });
      expect((await tunnels()).some((t) => t.domain === "webbridge.example.com")).toBe(false);
    },
  ],
  [
    "cms-settings-unavailable",
    "vcs-c",
    async () => {
      // Only the settings part goes, said in the box's words; the resolved table (V1) stays.
      expect(await contentOf(f, "vcs-c", "expressway-c.cms-settings")).toEqual({
        webProxyEnabled: null,
        guestAccountClientUri: null,
        resolved: [{ name: "webbridge.example.com", address: "10.0.0.20" }],
        parts: [
          {
            part: "settings (web proxy, Guest account client URI)",
            location: "/Configuration/CollaborationEdge/CMS",
            state: "unavailable",
            reason: "No match for XPath",
          },
        ],
      });
      const run = await f.t.db.pollRun.findFirstOrThrow({
        where: { nodeId: await f.nodeId("vcs-c"), source: "expressway-c.cms-settings" },
        orderBy: { id: "desc" },
      });
      expect(run).toMatchObject({
        outcome: "ok",
        message: expect.stringMatching(/not available on this version: No match for XPath/),
      });
    },
  ],
  [
    "wrong-guest-uri",
    null,
    async () => {
      expect(await contentOf(f, "vcs-c", "expressway-c.cms-settings")).toMatchObject({
        webProxyEnabled: true,
        guestAccountClientUri: "join.example.com",
        resolved: [],
      });
    },
  ],
  [
    "turn-inactive",
    "vcs-e1",
    async () => {
      expect(await latestOf(f, "vcs-e1", "expressway-e.turn-relays")).toMatchObject({ serverStatus: "Inactive" });
      expect(await latestOf(f, "vcs-e2", "expressway-e.turn-relays")).toMatchObject({ serverStatus: "Active" });
      expect(await rttFor("vcs-e1")).toBeNull(); // CMS gets no answer from an inactive TURN server (V4)
      expect(await rttFor("vcs-e2")).toBeGreaterThan(0);
      // In Cisco's words: the host reachable=false, and a turnServerUnavailable alarm naming that turnServer.
      const hosts = (await latestOf<TurnLatest>(f, "cms1", "cms.turn-servers")).status.hosts;
      expect(hosts.find((h) => h.turnServerId === turnServerId("vcs-e1"))).toMatchObject({ reachable: false });
      expect(hosts.find((h) => h.turnServerId === turnServerId("vcs-e2"))).toMatchObject({ reachable: true });
      const { alarms } = await contentOf<{ alarms: { type: string; parameters: Record<string, string> }[] }>(
        f,
        "cms1",
        "cms.alarms",
      );
      expect(alarms.map((a) => [a.type, a.parameters])).toEqual([
        ["turnServerUnavailable", { turnServer: turnServerId("vcs-e1") }],
      ]);
    },
  ],
  [
    "turnserver-public-server-address",
    "vcs-e1",
    async () => {
      expect(await turnFor("vcs-e1")).toMatchObject({ serverAddress: "203.0.113.5", clientAddress: "203.0.113.5" });
      expect(await rttFor("vcs-e1")).toBeNull();
    },
  ],
  [
    "turnserver-type-standard",
    "vcs-e2",
    async () => {
      expect(await turnFor("vcs-e2")).toMatchObject({ type: "standard" });
      expect(await turnFor("vcs-e1")).toMatchObject({ type: "expressway" });
    },
  ],
  [
    "turnserver-missing",
    "vcs-e2",
    async () => {
      const { turnServers } = await contentOf<{ turnServers: Turn[] }>(f, "cms1", "cms.turn-servers");
      expect(turnServers.map((t) => t.serverAddress)).toEqual(["10.0.0.36"]);
    },
  ],
  [
    "cms-alarms",
    null,
    async () => {
      const { alarms } = await contentOf<{ alarms: { type: string; parameters: Record<string, string> }[] }>(
        f,
        "cms1",
        "cms.alarms",
      );
      // Cisco's documented types with their parameters (ciscocms/apiary), never invented ones.
      expect(alarms.map((a) => [a.type, a.parameters]).sort()).toEqual([
        ["c2wConnectionFailure", {}],
        ["callBridgeConnectionFailure", { callBridge: PEER_CALL_BRIDGE_ID }],
      ]);
      const { webBridges } = await contentOf<{ webBridges: { status: { status: string } }[] }>(
        f,
        "cms1",
        "cms.web-bridges",
      );
      expect(webBridges.map((w) => w.status.status)).toEqual(["connectionFailure"]);
    },
  ],
  [
    "c2w-failure",
    null,
    async () => {
      const { alarms } = await contentOf<{ alarms: { type: string; parameters: Record<string, string> }[] }>(
        f,
        "cms1",
        "cms.alarms",
      );
      expect(alarms.map((a) => [a.type, a.parameters])).toEqual([["c2wConnectionFailure", {}]]);
      const { webBridges } = await contentOf<{ webBridges: { status: { status: string } }[] }>(
        f,
        "cms1",
        "cms.web-bridges",
      );
      expect(webBridges.map((w) => w.status.status)).toEqual(["success"]);
    },
  ],
  [
    "expressway-alarms",
    "vcs-e1",
    async () => {
      expect((await contentOf<{ alarms: unknown[] }>(f, "vcs-e1", "expressway.alarms")).alarms).toHaveLength(2);
      expect((await contentOf<{ alarms: unknown[] }>(f, "vcs-c", "expressway.alarms")).alarms).toHaveLength(0);
    },
  ],
  [
    "join-url-san-missing",
    "vcs-e2",
    async () => {
      // Only the certificate changes (C2): polling still works, the Join URL is no longer covered.
      const sans = async (key: string) => {
        const url = new URL(f.lab.nodes.find((n) => n.key === key)!.url);
        const r = await probeTls({
          target: { host: url.hostname, port: Number(url.port), family: 4 },
          servername: "webbridge.example.com",
          caPem: f.lab.caPem,
          timeoutMs: 3000,
        });
        return r.outcome === "ok" ? r.matchesServername : null;
      };
      expect(await sans("vcs-e2")).toBe(false);
      expect(await sans("vcs-e1")).toBe(true);
    },
  ],
  // Certificate audit and capacity faults (docs/certificates.md, docs/capacity.md).
  [
    "cms-licence-grace",
    "cms1",
    async () => {
      const { features } = await contentOf<{ features: { name: string; status: string }[] }>(
        f,
        "cms1",
        "cms.licensing",
      );
      expect(features.find((x) => x.name === "callBridge")).toMatchObject({ status: "grace" });
    },
  ],
  [
    "cms-db-node-down",
    "cms1",
    async () => {
      const db = await contentOf<{ clustered: boolean; nodes: { hostname: string; up: boolean }[] }>(
        f,
        "cms1",
        "cms.database",
      );
      expect(db.clustered).toBe(true);
      expect(db.nodes.find((n) => n.hostname === "cms-db2.example.local")).toMatchObject({ up: false });
    },
  ],
  [
    "relays-near-capacity",
    "vcs-e2",
    async () => {
      expect(await latestOf(f, "vcs-e2", "expressway-e.turn-relays")).toMatchObject({ current: 1750 });
      expect((await latestOf<{ current: number }>(f, "vcs-e1", "expressway-e.turn-relays")).current).toBeLessThan(1000);
    },
  ],
  [
    "call-licences-full",
    "vcs-e1",
    async () => {
      expect(await contentOf(f, "vcs-e1", "expressway.call-licences")).toMatchObject({
        traversal: { current: 50, peak: 50, licensed: 50 },
        nonTraversal: { current: 1, licensed: 100 },
      });
      expect(await contentOf(f, "vcs-c", "expressway.call-licences")).toMatchObject({
        traversal: { current: 2, licensed: 50 },
      });
    },
  ],
  [
    "cms-load-high",
    "cms1",
    async () => {
      expect(await latestOf(f, "cms1", "cms.load")).toMatchObject({
        mediaProcessingLoad: 900,
        content: { loadLimit: 1000 },
      });
    },
  ],
  ...(["cert-expiring", "cert-no-client-auth"] as const).map(
    (fault): [FaultName, string | null, () => Promise<void>] => [
      fault,
      "vcs-c",
      async () => {
        // Only the certificate changes: polling still works, the audit sees the new one.
        const leaf = async (key: string) => {
          const url = new URL(f.lab.nodes.find((n) => n.key === key)!.url);
          const a = await auditEndpoint({
            label: "management",
            host: url.hostname,
            port: Number(url.port),
            servername: null,
            caPem: f.lab.caPem,
            timeoutMs: 3000,
          });
          return a.chain[0]!;
        };
        const [broken, other] = [await leaf("vcs-c"), await leaf("vcs-e1")];
        if (fault === "cert-expiring") expect(Date.parse(broken.notAfter) - Date.now()).toBeLessThan(6 * 86_400_000);
        else expect(broken.extendedKeyUsages).toEqual(["serverAuth"]);
        expect(other.extendedKeyUsages).toEqual(["serverAuth", "clientAuth"]);
        expect(Date.parse(other.notAfter) - Date.now()).toBeGreaterThan(300 * 86_400_000);
      },
    ],
  ),
  [
    "version-mismatch",
    null,
    async () => {
      expect(await contentOf(f, "cms1", "cms.system")).toMatchObject({ softwareVersion: "2.9.1" });
      expect(await contentOf(f, "vcs-e1", "expressway.system")).toMatchObject({ version: "X15.2.1" });
    },
  ],
];

describe("configuration fault switches", () => {
  it("covers every configuration fault the lab has", () => {
    const config = Object.entries(FAULTS)
      .filter(([, d]) => d.kind === "config")
      .map(([n]) => n);
    expect(CASES.map(([n]) => n).sort()).toEqual(config.sort());
  });

  it.each(CASES)(
    "%s (%s) changes the polled data as expected, and clearing it restores the baseline",
    async (fault, node, check) => {
      await f.lab.setFault(fault, node);
      await pollOk(f, ALL_NODES); // a misconfiguration is data, never a failed poll
      await check();
      await f.lab.clearFaults();
      await pollOk(f, ALL_NODES);
      expect(await snapshotAll()).toEqual(baseline);
      expect(await rttFor("vcs-e1")).toBeGreaterThan(0);
    },
  );

  it("refuses a fault for a node it is not about, through the control API", async () => {
    const res = await fetch(`${f.lab.controlUrl}/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "turnserver-missing", node: "cms1" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /about EXPRESSWAY_E nodes, not cms1/,
    );
    const ok = await fetch(`${f.lab.controlUrl}/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "turnserver-missing", node: "vcs-e1" }),
    });
    expect(ok.status).toBe(200);
  });
});

import { createSocket } from "node:dgram";
import { connect } from "node:net";
import * as dnsPacket from "dns-packet";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getBoard } from "@/lib/server/board/board-summary";
import { getDeploymentChecks, getDeploymentScenarios } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import { seedLabResolvers } from "@/lib/server/demo/seed-lab";
import { FAULTS, type FaultName } from "@/lib/server/lab/faults";
import { dnsProbeInput, probeDns, type DnsOutcome, type DnsRecordType } from "@/lib/server/probes/dns";
import { ALL_NODES, pollOk } from "../support/collected";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// The lab's inside and outside DNS resolvers (what `npm run demo` points the deployment at)
// against our real DNS probe, a hand-driven UDP/TCP client, and the DNS checks on the demo's
// seeded deployment: split DNS as R8/R9/T3/T4 want it, each DNS fault as the checks and the
// T2–T4 detectors read it, and clearing. dnsmasq stays the real peer of the probe's own tests
// (probe-dns.test.ts) and of checks-lab.test.ts.

let f: LabFixture;
const TIMEOUT_MS = 1500;

beforeAll(async () => {
  f = await startLabFixture();
});
afterAll(() => f?.stop());
beforeEach(() => f.lab.clearFaults());

const probe = (view: "inside" | "outside", name: string, type: DnsRecordType) =>
  probeDns(dnsProbeInput.parse({ resolver: f.lab.dns[view], name, type, timeoutMs: TIMEOUT_MS }));

describe("our DNS probe against the lab's resolvers", () => {
  it.each<[string, "inside" | "outside", string, DnsRecordType, DnsOutcome, string[]]>([
    [
      "inside: the Join URL → the Web Bridge (CMS private address, R9)",
      "inside",
      "webbridge.example.com",
      "A",
      "ok",
      ["10.0.0.20"],
    ],
    [
      "outside: the Join URL → both Expressway-E public addresses (R8)",
      "outside",
      "webbridge.example.com",
      "A",
      "ok",
      ["203.0.113.5", "203.0.113.6"],
    ],
    [
      "inside: _xmpp-client SRV of the Call Bridge domain → cms1:5222 (T3/T4)",
      "inside",
      "_xmpp-client._tcp.example.com",
      "SRV",
      "ok",
      ["cms1.example.local:5222"],
    ],
    ["inside: a lab node's name → its private address", "inside", "vcs-e1.example.local", "A", "ok", ["10.0.0.36"]],
    ["names compare case-insensitively", "outside", "WebBridge.Example.COM", "A", "ok", ["203.0.113.5", "203.0.113.6"]],
    ["a name without AAAA → NODATA", "inside", "webbridge.example.com", "AAAA", "nodata", []],
    [
      "outside: the inside SRV record does not exist → NXDOMAIN",
      "outside",
      "_xmpp-client._tcp.example.com",
      "SRV",
      "nxdomain",
      [],
    ],
    ["outside: an inside-only zone → REFUSED", "outside", "cms1.example.local", "A", "refused", []],
    [
      "a name outside the lab's zones → REFUSED (the lab never resolves the internet)",
      "inside",
      "example.org",
      "A",
      "refused",
      [],
    ],
  ])("%s", async (_, view, name, type, outcome, values) => {
    const r = await probe(view, name, type);
    expect(r.outcome, r.detail).toBe(outcome);
    expect(r.answers.map((a) => a.value).sort()).toEqual(values);
    if (outcome === "ok" && type === "A") expect(r.answers.every((a) => a.ttl === 300)).toBe(true);
  });

  it("the two views agree with what the lab nodes report: Expressway-E public addresses outside, private addresses inside", async () => {
    const e = f.lab.nodes.filter((n) => n.role === "EXPRESSWAY_E");
    const outside = await probe("outside", f.lab.deployment.joinUrl, "A");
    expect(outside.answers.map((a) => a.value).sort()).toEqual(e.map((n) => n.publicAddress).sort());
    const cms = f.lab.nodes.find((n) => n.role === "CMS")!;
    expect((await probe("inside", f.lab.deployment.joinUrl, "A")).answers.map((a) => a.value)).toEqual([
      cms.privateAddress,
    ]);
  });
});

/** One raw DNS exchange over UDP, to see what the probe hides (flags, SOA, glue, EDNS). */
async function udpAsk(resolver: string, question: dnsPacket.Question, edns = false): Promise<dnsPacket.DecodedPacket> {
  const [host, port] = [resolver.split(":")[0]!, Number(resolver.split(":")[1])];
  const socket = createSocket("udp4");
  const id = Math.floor(Math.random() * 65_535);
  const opt: dnsPacket.OptAnswer = {
    type: "OPT",
    name: ".",
    udpPayloadSize: 4096,
    extendedRcode: 0,
    ednsVersion: 0,
    flags: 0,
    flag_do: false,
    options: [],
  };
  const query = dnsPacket.encode({
    type: "query",
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [question],
    ...(edns ? { additionals: [opt] } : {}),
  });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the lab resolver did not answer")), TIMEOUT_MS);
      socket.on("message", (msg) => {
        const reply = dnsPacket.decode(msg);
        if (reply.id !== id) return;
        clearTimeout(timer);
        resolve(reply);
      });
      socket.send(query, port, host);
    });
  } finally {
    socket.close();
  }
}

/** Queries sent back to back on one TCP connection (RFC 7766 pipelining); answers by id. */
async function tcpAsk(resolver: string, questions: dnsPacket.Question[]): Promise<dnsPacket.DecodedPacket[]> {
  const [host, port] = [resolver.split(":")[0]!, Number(resolver.split(":")[1])];
  const socket = connect(port, host);
  const ids = questions.map((_, i) => 1000 + i);
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the lab resolver did not answer over TCP")), TIMEOUT_MS);
      let pending = Buffer.alloc(0);
      const replies = new Map<number, dnsPacket.DecodedPacket>();
      socket.on("error", reject);
      socket.on("data", (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
          const reply = dnsPacket.decode(pending.subarray(2, 2 + pending.readUInt16BE(0)));
          pending = pending.subarray(2 + pending.readUInt16BE(0));
          replies.set(reply.id!, reply);
        }
        if (replies.size === ids.length) {
          clearTimeout(timer);
          resolve(ids.map((id) => replies.get(id)!));
        }
      });
      // Both queries in one write, split mid-message on purpose: framing must follow the length prefix.
      const bytes = Buffer.concat(
        questions.map((q, i) =>
          dnsPacket.streamEncode({ type: "query", id: ids[i], flags: dnsPacket.RECURSION_DESIRED, questions: [q] }),
        ),
      );
      socket.write(bytes.subarray(0, 7));
      setImmediate(() => socket.write(bytes.subarray(7)));
    });
  } finally {
    socket.destroy();
  }
}

const dataOf = (a: dnsPacket.Answer) => ("data" in a ? a.data : undefined);
const rcodeOf = (p: dnsPacket.DecodedPacket) => (p as dnsPacket.DecodedPacket & { rcode: string }).rcode;

describe("the lab's resolvers by the RFCs (hand-driven client)", () => {
  it("SRV answers are authoritative and carry the target's address as glue (RFC 2782); EDNS is echoed (RFC 6891)", async () => {
    const r = await udpAsk(f.lab.dns.inside, { type: "SRV", name: "_xmpp-client._tcp.example.com" }, true);
    expect(r).toMatchObject({ type: "response", flag_aa: true, flag_rd: true, flag_tc: false });
    expect(r.answers).toEqual([
      expect.objectContaining({
        type: "SRV",
        data: { priority: 10, weight: 0, port: 5222, target: "cms1.example.local" },
      }),
    ]);
    const additionals = r.additionals ?? [];
    expect(additionals.filter((a) => a.type === "A")).toEqual([
      expect.objectContaining({ name: "cms1.example.local", data: "10.0.0.20" }),
    ]);
    expect(additionals.some((a) => a.type === "OPT")).toBe(true);
    // Without EDNS in the query, none in the answer.
    expect(
      (await udpAsk(f.lab.dns.inside, { type: "SRV", name: "_xmpp-client._tcp.example.com" })).additionals?.some(
        (a) => a.type === "OPT",
      ),
    ).toBe(false);
  });

  it("a negative answer carries the zone's SOA (RFC 2308), so resolvers know how long to cache it", async () => {
    const r = await udpAsk(f.lab.dns.outside, { type: "A", name: "nothing.example.com" });
    expect(rcodeOf(r)).toBe("NXDOMAIN");
    expect(r.authorities).toEqual([expect.objectContaining({ type: "SOA", name: "example.com" })]);
  });

  it("answers over TCP on the same port, two pipelined queries on one connection (RFC 7766)", async () => {
    const [join, srv] = await tcpAsk(f.lab.dns.inside, [
      { type: "A", name: "webbridge.example.com" },
      { type: "SRV", name: "_xmpp-client._tcp.example.com" },
    ]);
    expect(join!.answers?.map(dataOf)).toEqual(["10.0.0.20"]);
    expect(srv!.answers?.map((a) => a.type)).toEqual(["SRV"]);
  });

  it("DNS faults change the answers over TCP too", async () => {
    await f.lab.setFault("dns-inside-to-expressway");
    const [join] = await tcpAsk(f.lab.dns.inside, [{ type: "A", name: "webbridge.example.com" }]);
    expect(join!.answers?.map(dataOf).sort()).toEqual(["203.0.113.5", "203.0.113.6"]);
  });
});

// fault → [resolver, name, type, probe outcome, answers]
const PROBE_CASES: [FaultName, "inside" | "outside", string, DnsRecordType, DnsOutcome, string[]][] = [
  ["dns-outside-missing", "outside", "webbridge.example.com", "A", "nxdomain", []],
  ["dns-inside-missing", "inside", "webbridge.example.com", "A", "nxdomain", []],
  ["dns-inside-to-expressway", "inside", "webbridge.example.com", "A", "ok", ["203.0.113.5", "203.0.113.6"]],
  ["dns-xmpp-srv-missing", "inside", "_xmpp-client._tcp.example.com", "SRV", "nxdomain", []],
];

describe("DNS faults", () => {
  it("covers every DNS fault the lab has", () => {
    const dns = Object.entries(FAULTS)
      .filter(([, d]) => d.kind === "dns")
      .map(([n]) => n);
    expect(PROBE_CASES.map(([n]) => n).sort()).toEqual(dns.sort());
  });

  it.each(PROBE_CASES)(
    "%s → the %s resolver answers %s %s with %s; the other view is untouched; clearing restores",
    async (fault, view, name, type, outcome, values) => {
      const before = await probe(view, name, type);
      expect(before.outcome).toBe("ok");
      await f.lab.setFault(fault);
      const r = await probe(view, name, type);
      expect(r.outcome, r.detail).toBe(outcome);
      expect(r.answers.map((a) => a.value).sort()).toEqual(values);
      const other = view === "inside" ? "outside" : "inside";
      expect((await probe(other, "webbridge.example.com", "A")).outcome).toBe("ok");
      await f.lab.clearFaults(fault);
      expect((await probe(view, name, type)).answers).toEqual(before.answers);
    },
  );

  it("through the control API (npm run lab -- fault dns-outside-missing / clear); a node is refused, as DNS faults are about the resolvers", async () => {
    const post = (body: unknown) =>
      fetch(`${f.lab.controlUrl}/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const withNode = await post({ name: "dns-outside-missing", node: "vcs-e1" });
    expect(withNode.status).toBe(400);
    expect(JSON.stringify(await withNode.json())).toMatch(/DNS resolvers, not a node/);
    expect((await post({ name: "dns-outside-missing" })).status).toBe(200);
    expect((await probe("outside", "webbridge.example.com", "A")).outcome).toBe("nxdomain");
    const state = (await (await fetch(`${f.lab.controlUrl}/state`)).json()) as { dns: unknown; faults: unknown };
    expect(state).toMatchObject({ dns: f.lab.dns, faults: [{ name: "dns-outside-missing", node: null }] });
    expect((await fetch(`${f.lab.controlUrl}/faults/dns-outside-missing`, { method: "DELETE" })).status).toBe(200);
    expect((await probe("outside", "webbridge.example.com", "A")).outcome).toBe("ok");
  });
});

describe("the demo's deployment against the lab's resolvers", () => {
  const DNS_CHECKS = ["r8-outside-dns", "r9-inside-dns", "xmpp-srv"];
  const run = () =>
    getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "force", runner: getProbeRunner() });
  const statusOf = async () =>
    Object.fromEntries((await run()).checks.filter((c) => DNS_CHECKS.includes(c.id)).map((c) => [c.id, c.status]));
  const verdicts = async () =>
    Object.fromEntries(
      (
        await getDeploymentScenarios(f.t.db, f.env, f.box, f.deploymentId, {
          probes: "cached",
          runner: getProbeRunner(),
        })
      ).scenarios.map((s) => [s.id, s.verdict]),
    );
  const dnsArea = async () => (await getBoard(f.t.db, f.env, f.box)).tiles[0]!.areas.find((a) => a.area === "dns-tls")!;

  beforeAll(async () => {
    await pollOk(f, ALL_NODES);
    // A new deployment (and every test fixture) has no resolvers: the DNS checks ask for them.
    const unconfigured = (await run()).checks.find((c) => c.id === "r8-outside-dns")!;
    expect(unconfigured.status).toBe("unknown");
    expect(JSON.stringify(unconfigured)).toMatch(/configure the outside resolver/);
    await seedLabResolvers(f.t.db, f.lab, f.deploymentId);
  });

  it("seeded as the demo seeds it, every DNS and TLS check passes and the DNS and TLS area of the board is green", async () => {
    const checks = (await run()).checks.filter((c) => c.area === "dns-tls");
    expect(checks.map((c) => c.id)).toEqual(expect.arrayContaining([...DNS_CHECKS, "c2-certificate"]));
    expect(checks.filter((c) => c.status !== "pass").map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
    expect((await dnsArea()).health).toBe("ok");
    expect(Object.entries(await verdicts()).filter(([id]) => id !== "T1")).toEqual([
      ["T2", "not-indicated"],
      ["T3", "not-indicated"],
      ["T4", "not-indicated"],
    ]);
  });

  // fault → DNS check statuses, scenarios that become likely
  it.each<[FaultName, Record<string, string>, string[]]>([
    ["dns-outside-missing", { "r8-outside-dns": "fail", "r9-inside-dns": "pass", "xmpp-srv": "pass" }, []],
    ["dns-inside-missing", { "r8-outside-dns": "pass", "r9-inside-dns": "fail", "xmpp-srv": "pass" }, ["T2"]],
    ["dns-inside-to-expressway", { "r8-outside-dns": "pass", "r9-inside-dns": "fail", "xmpp-srv": "pass" }, ["T2"]],
    ["dns-xmpp-srv-missing", { "r8-outside-dns": "pass", "r9-inside-dns": "pass", "xmpp-srv": "fail" }, ["T3", "T4"]],
  ])("%s → %o, likely: %o; the area turns red and back to green once cleared", async (fault, statuses, likely) => {
    await f.lab.setFault(fault);
    expect(await statusOf()).toEqual(statuses);
    expect(
      Object.entries(await verdicts())
        .filter(([, v]) => v === "likely")
        .map(([id]) => id),
    ).toEqual(likely);
    const area = await dnsArea();
    expect(area.health).toBe("failing");
    await f.lab.clearFaults(fault);
    expect(Object.values(await statusOf())).toEqual(["pass", "pass", "pass"]);
    expect((await dnsArea()).health).toBe("ok");
  });

  it("dns-inside-to-expressway names Expressway-E's addresses in R9's summary (the T2 cause)", async () => {
    await f.lab.setFault("dns-inside-to-expressway");
    const r9 = (await run()).checks.find((c) => c.id === "r9-inside-dns")!;
    expect(r9.summary).toMatch(/to Expressway-E \(203\.0\.113\.5, 203\.0\.113\.6\)/);
  });
});

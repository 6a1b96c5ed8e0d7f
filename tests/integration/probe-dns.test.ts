import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { dnsProbeInput, probeDns, type DnsProbeResult } from "@/lib/server/probes/dns";

import { freeUdpAndTcpPort } from "../support/coturn";
import { startDnsmasq, startSilentResolver, type Dnsmasq } from "../support/dnsmasq";

// The DNS probe against real dnsmasq resolvers on loopback, one per network view of the lab
// deployment (domain brief: Join URL webbridge.example.com, Expressway-E public 203.0.113.5,
// private 10.0.0.36, Call Bridge domain example.com).

const JOIN_URL = "webbridge.example.com";
const EXPRESSWAY_E_PUBLIC = "203.0.113.5";
const EXPRESSWAY_E_PRIVATE = "10.0.0.36";
const WEB_BRIDGE = "10.0.0.40";
const XMPP_SRV = "_xmpp-client._tcp.example.com";

const probe = (resolver: string, body: Record<string, unknown>): Promise<DnsProbeResult> =>
  probeDns(dnsProbeInput.parse({ resolver, ...body }));

describe("probeDns against real dnsmasq resolvers", () => {
  let outside: Dnsmasq;
  let inside: Dnsmasq;
  let insideWrong: Dnsmasq;
  let validating: Dnsmasq;

  beforeAll(async () => {
    // Outside DNS (R8): the Join URL is Expressway-E's public address; no internal SRV.
    outside = await startDnsmasq({
      localDomains: ["example.com"],
      hosts: { [JOIN_URL]: [EXPRESSWAY_E_PUBLIC], "vcs-e1.example.com": [EXPRESSWAY_E_PUBLIC, "2001:db8::5"] },
    });
    // Inside DNS (R9, T3/T4): the Join URL is the Web Bridge; _xmpp-client SRV points at CMS.
    inside = await startDnsmasq({
      localDomains: ["example.com", "example.local"],
      hosts: { [JOIN_URL]: [WEB_BRIDGE], "cms1.example.local": [WEB_BRIDGE] },
      srv: [{ name: XMPP_SRV, target: "cms1.example.local", port: 5222, priority: 10, weight: 5 }],
    });
    // The classic split-DNS mistake (R9, T2): inside DNS sends the Join URL to Expressway-E.
    insideWrong = await startDnsmasq({ localDomains: ["example.com"], hosts: { [JOIN_URL]: [EXPRESSWAY_E_PRIVATE] } });
    // A validating resolver in front of an unsigned upstream: DNSSEC fails, every answer is SERVFAIL.
    validating = await startDnsmasq({ upstream: inside.resolver, dnssec: true });
  });
  afterAll(async () => {
    await Promise.all([outside, inside, insideWrong, validating].map((d) => d?.stop()));
  });

  it("R8: outside, the Join URL resolves to Expressway-E's public address → matches", async () => {
    const result = await probe(outside.resolver, { name: JOIN_URL, type: "A", expected: [EXPRESSWAY_E_PUBLIC] });
    expect(result).toMatchObject({
      outcome: "ok",
      rcode: "NOERROR",
      resolver: outside.resolver,
      answers: [{ value: EXPRESSWAY_E_PUBLIC, ttl: 60 }],
      matches: true,
      missing: [],
      unexpected: [],
    });
    expect(result.rttMs).toBeGreaterThanOrEqual(0);
    expect(outside.log()).toContain(`query[A] ${JOIN_URL} from 127.0.0.1`);
  });

  it("R9: inside, the Join URL resolves to the Web Bridge → matches; the outside answer does not", async () => {
    const good = await probe(inside.resolver, { name: JOIN_URL, type: "A", expected: [WEB_BRIDGE] });
    expect(good).toMatchObject({ outcome: "ok", answers: [{ value: WEB_BRIDGE }], matches: true });
    const outsideView = await probe(outside.resolver, { name: JOIN_URL, type: "A", expected: [WEB_BRIDGE] });
    expect(outsideView).toMatchObject({ matches: false, missing: [WEB_BRIDGE], unexpected: [EXPRESSWAY_E_PUBLIC] });
  });

  it("R9/T2: inside DNS pointing the Join URL at Expressway-E → no match, with missing and unexpected", async () => {
    const result = await probe(insideWrong.resolver, { name: JOIN_URL, type: "A", expected: [WEB_BRIDGE] });
    expect(result).toMatchObject({
      outcome: "ok",
      matches: false,
      missing: [WEB_BRIDGE],
      unexpected: [EXPRESSWAY_E_PRIVATE],
    });
  });

  it("T3/T4: the _xmpp-client SRV record is there on the inside", async () => {
    const result = await probe(inside.resolver, { name: XMPP_SRV, type: "SRV", expected: ["cms1.example.local:5222"] });
    expect(result).toMatchObject({
      outcome: "ok",
      rcode: "NOERROR",
      answers: [
        { value: "cms1.example.local:5222", target: "cms1.example.local", port: 5222, priority: 10, weight: 5 },
      ],
      matches: true,
    });
    // An expectation without a port matches the target on any port.
    expect(
      await probe(inside.resolver, { name: XMPP_SRV, type: "SRV", expected: ["CMS1.example.local."] }),
    ).toMatchObject({ matches: true });
  });

  it("T3/T4: the _xmpp-client SRV record is missing → nxdomain, and the expectation fails", async () => {
    const result = await probe(outside.resolver, {
      name: XMPP_SRV,
      type: "SRV",
      expected: ["cms1.example.local:5222"],
    });
    expect(result).toMatchObject({
      outcome: "nxdomain",
      rcode: "NXDOMAIN",
      errorCode: "ENOTFOUND",
      answers: [],
      matches: false,
      missing: ["cms1.example.local:5222"],
      unexpected: [],
    });
    expect(result.rttMs).toBeGreaterThanOrEqual(0);
  });

  it("a name that does not exist → nxdomain", async () => {
    const result = await probe(outside.resolver, { name: "nosuchhost.example.com", type: "A" });
    expect(result).toMatchObject({ outcome: "nxdomain", rcode: "NXDOMAIN", answers: [] });
    expect(result.detail).toBe(`${outside.resolver} says nosuchhost.example.com does not exist (NXDOMAIN)`);
    expect(result).not.toHaveProperty("matches");
  });

  it("AAAA: answers are canonical, so an expanded upper-case expectation still matches", async () => {
    const result = await probe(outside.resolver, {
      name: "vcs-e1.example.com",
      type: "AAAA",
      expected: ["2001:DB8:0:0::5"],
    });
    expect(result).toMatchObject({ outcome: "ok", answers: [{ value: "2001:db8::5", ttl: 60 }], matches: true });
  });

  it("AAAA for a name with only an IPv4 address → nodata (NOERROR, empty answer)", async () => {
    const result = await probe(outside.resolver, { name: JOIN_URL, type: "AAAA" });
    expect(result).toMatchObject({ outcome: "nodata", rcode: "NOERROR", errorCode: "ENODATA", answers: [] });
  });

  it("a name outside the resolver's zones, with no upstream → refused", async () => {
    const result = await probe(outside.resolver, { name: "www.example.org", type: "A" });
    expect(result).toMatchObject({ outcome: "refused", rcode: "REFUSED", errorCode: "EREFUSED" });
  });

  it("DNSSEC validation failing at the resolver → servfail", async () => {
    const result = await probe(validating.resolver, { name: JOIN_URL, type: "A", timeoutMs: 5000 });
    expect(result, validating.log()).toMatchObject({
      outcome: "servfail",
      rcode: "SERVFAIL",
      errorCode: "ESERVFAIL",
      answers: [],
    });
  });
});

describe("probeDns against resolvers that do not answer", () => {
  it("a resolver that receives but never answers → timeout within the budget, rttMs null", async () => {
    const silent = await startSilentResolver();
    try {
      const started = performance.now();
      const result = await probe(silent.resolver, {
        name: JOIN_URL,
        type: "A",
        timeoutMs: 600,
        expected: [EXPRESSWAY_E_PUBLIC],
      });
      const elapsed = performance.now() - started;
      expect(result).toMatchObject({
        outcome: "timeout",
        rcode: null,
        rttMs: null,
        answers: [],
        matches: false,
        missing: [EXPRESSWAY_E_PUBLIC],
      });
      expect(elapsed).toBeGreaterThanOrEqual(550);
      expect(elapsed).toBeLessThan(2000);
      // The budget is split over retransmissions, so one lost datagram is not yet a timeout.
      expect(silent.received()).toBeGreaterThanOrEqual(2);
    } finally {
      silent.stop();
    }
  });

  it("a dead resolver port on loopback → unreachable at once (ICMP port unreachable), not a timeout", async () => {
    const port = await freeUdpAndTcpPort();
    const result = await probe(`127.0.0.1:${port}`, { name: JOIN_URL, type: "A", timeoutMs: 3000 });
    expect(result).toMatchObject({ outcome: "unreachable", rcode: null, errorCode: "ECONNREFUSED" });
    expect(result.rttMs).toBeLessThan(1000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { createCa, issueServerCert } from "@/lib/server/lab/certificates";
import { PROBE_IDS, probes, runProbe } from "@/lib/server/probes";

import { startCoturn, type Coturn } from "../support/coturn";
import { startDnsmasq, type Dnsmasq } from "../support/dnsmasq";
import { startTlsServer, type TlsServer } from "../support/tls-server";

// Every probe through the registry, with JSON bodies as `POST /api/probes/{id}` receives them,
// against real peers. Guards the answer shapes the API promises (issue 4).

describe("probe registry end to end", () => {
  let coturn: Coturn;
  let dnsmasq: Dnsmasq;
  let tls: TlsServer;
  let caPem: string;

  beforeAll(async () => {
    const ca = await createCa();
    caPem = ca.certPem;
    [coturn, dnsmasq, tls] = await Promise.all([
      startCoturn(),
      startDnsmasq({ localDomains: ["example.com"], hosts: { "webbridge.example.com": ["203.0.113.5"] } }),
      issueServerCert(ca, { commonName: "vcs-e1.example.com", dnsNames: ["webbridge.example.com"] }).then((cert) =>
        startTlsServer({ cert }),
      ),
    ]);
  });
  afterAll(async () => {
    await Promise.all([coturn?.stop(), dnsmasq?.stop(), tls?.stop()]);
  });

  it("lists dns, tls, port and turn, each citing domain IDs", () => {
    expect(PROBE_IDS).toEqual(["dns", "tls", "port", "turn"]);
    for (const id of PROBE_IDS) {
      expect(probes[id].id).toBe(id);
      expect(probes[id].domainIds.length).toBeGreaterThan(0);
    }
  });

  it("turn: right credentials → outcome ok with relayedAddress; the password is never echoed", async () => {
    const body = { server: coturn.server, transport: "udp", username: coturn.username, password: coturn.password };
    const result = await runProbe("turn", body);
    expect(result).toMatchObject({
      outcome: "ok",
      relayedAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      rttMs: expect.any(Number),
    });
    expect(JSON.stringify(result)).not.toContain(coturn.password);
  });

  it("turn: wrong password → unauthorized with errorCode 401 (T1)", async () => {
    const body = { server: coturn.server, transport: "tcp", username: coturn.username, password: "wrong" };
    expect(await runProbe("turn", body)).toMatchObject({ outcome: "unauthorized", errorCode: 401 });
  });

  it("dns: answers, rttMs, rcode and the expectation verdict", async () => {
    const body = { resolver: dnsmasq.resolver, name: "webbridge.example.com", type: "A", expected: ["203.0.113.5"] };
    expect(await runProbe("dns", body)).toMatchObject({
      outcome: "ok",
      rcode: "NOERROR",
      answers: [{ value: "203.0.113.5" }],
      rttMs: expect.any(Number),
      matches: true,
      missing: [],
      unexpected: [],
    });
  });

  it("tls: the certificate facts of the API shape", async () => {
    const result = await runProbe("tls", { target: tls.target, servername: "webbridge.example.com", caPem });
    expect(result).toMatchObject({
      outcome: "ok",
      trusted: true,
      matchesServername: true,
      sans: ["webbridge.example.com"],
    });
    for (const key of [
      "sans",
      "daysToExpiry",
      "trusted",
      "subject",
      "issuer",
      "validFrom",
      "validTo",
      "chain",
      "matchesServername",
    ]) {
      expect(result).toHaveProperty(key);
    }
  });

  it("port: open, rttMs and detail", async () => {
    expect(await runProbe("port", { target: coturn.server, transport: "tcp" })).toMatchObject({
      open: true,
      rttMs: expect.any(Number),
      detail: expect.any(String),
    });
    expect(await runProbe("port", { target: coturn.server, transport: "udp" })).toMatchObject({
      open: true,
      outcome: "open",
    });
  });

  it("a bad body is a ZodError naming the field (→ 400 in the route wrapper), and nothing is sent", async () => {
    const error = await runProbe("port", { target: "203.0.113.5", transport: "sctp" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["target", '"203.0.113.5" needs a port: host:port, e.g. 203.0.113.5:3478'],
      ["transport", 'transport must be "tcp" or "udp"'],
    ]);
  });
});

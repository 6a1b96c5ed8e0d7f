import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCa, issueServerCert, type Ca } from "@/lib/server/lab/certificates";
import { DAY_MS } from "@/lib/server/probes/tls-certificate";
import { probeTls, tlsProbeInput, type TlsProbeResult, type TlsProbeSuccess } from "@/lib/server/probes/tls";

import { freeUdpAndTcpPort } from "../support/coturn";
import { startPlainHttpServer, startSilentTcpServer, startTlsServer, type TlsServer } from "../support/tls-server";

// The TLS probe against real node:tls servers on loopback, with certificates from the lab CA.
// C2: the Join URL must be a SAN of Expressway-E's certificate.

const JOIN_URL = "webbridge.example.com";

const probe = (body: Record<string, unknown>, now?: () => number): Promise<TlsProbeResult> =>
  probeTls(tlsProbeInput.parse(body), now ? { now } : {});

function ok(result: TlsProbeResult): TlsProbeSuccess {
  expect(result.outcome, result.detail).toBe("ok");
  return result as TlsProbeSuccess;
}

describe("probeTls against lab-CA certificates", () => {
  let ca: Ca;
  let otherCa: Ca;
  let good: TlsServer;
  let noSan: TlsServer;
  let expired: TlsServer;
  let byIp: TlsServer;

  beforeAll(async () => {
    [ca, otherCa] = await Promise.all([createCa("Edgescope Lab CA"), createCa("Someone Else CA")]);
    const [goodCert, noSanCert, expiredCert, ipCert] = await Promise.all([
      issueServerCert(ca, {
        commonName: "vcs-e1.example.com",
        dnsNames: ["vcs-e1.example.com", JOIN_URL],
        ipAddresses: ["203.0.113.5"],
        validDays: 90,
      }),
      issueServerCert(ca, { commonName: "vcs-e1.example.com", dnsNames: ["vcs-e1.example.com"], validDays: 90 }),
      issueServerCert(ca, { commonName: JOIN_URL, dnsNames: [JOIN_URL], validDays: -3 }),
      issueServerCert(ca, { commonName: "loopback", ipAddresses: ["127.0.0.1"], validDays: 30 }),
    ]);
    good = await startTlsServer({ cert: goodCert, chainPems: [ca.certPem] });
    noSan = await startTlsServer({ cert: noSanCert });
    expired = await startTlsServer({ cert: expiredCert });
    byIp = await startTlsServer({ cert: ipCert });
  });
  afterAll(async () => {
    await Promise.all([good, noSan, expired, byIp].map((s) => s?.stop()));
  });

  it("C2: Join URL in the SANs, lab CA given → trusted and matchesServername, SNI sent", async () => {
    const result = ok(await probe({ target: good.target, servername: JOIN_URL, caPem: ca.certPem }));
    expect(result).toMatchObject({
      target: good.target,
      servername: JOIN_URL,
      trusted: true,
      matchesServername: true,
      trustStore: "caPem",
      sans: ["vcs-e1.example.com", JOIN_URL, "203.0.113.5"],
      subject: "CN=vcs-e1.example.com",
      issuer: "CN=Edgescope Lab CA",
      expired: false,
    });
    expect(result).not.toHaveProperty("authorizationError");
    expect(result).not.toHaveProperty("servernameError");
    expect(result.chain).toEqual([
      { subject: "CN=vcs-e1.example.com", issuer: "CN=Edgescope Lab CA" },
      { subject: "CN=Edgescope Lab CA", issuer: "CN=Edgescope Lab CA" },
    ]);
    expect(result.protocol).toBe("TLSv1.3");
    expect(result.rttMs).toBeGreaterThan(0);
    expect(good.servernames.at(-1)).toBe(JOIN_URL);
  });

  it("days to expiry: a 90-day certificate has 89 whole days left; validTo is 90 days out", async () => {
    const result = ok(await probe({ target: good.target, servername: JOIN_URL, caPem: ca.certPem }));
    expect(result.daysToExpiry).toBe(89);
    const daysOut = (Date.parse(result.validTo) - Date.now()) / DAY_MS;
    expect(daysOut).toBeGreaterThan(89.9);
    expect(daysOut).toBeLessThanOrEqual(90);
    // The same certificate judged by an injected clock 100 days later.
    const later = ok(
      await probe({ target: good.target, servername: JOIN_URL, caPem: ca.certPem }, () => Date.now() + 100 * DAY_MS),
    );
    expect(later).toMatchObject({ daysToExpiry: -10, expired: true });
  });

  it("C2: Join URL not among the SANs → matchesServername false with the reason, still trusted", async () => {
    const result = ok(await probe({ target: noSan.target, servername: JOIN_URL, caPem: ca.certPem }));
    expect(result).toMatchObject({ trusted: true, matchesServername: false, sans: ["vcs-e1.example.com"] });
    expect(result.servernameError).toMatch(
      /Host: webbridge\.example\.com\. is not in the cert's altnames: DNS:vcs-e1\.example\.com/,
    );
  });

  it("a certificate from another CA → trusted false with OpenSSL's reason", async () => {
    const result = ok(await probe({ target: good.target, servername: JOIN_URL, caPem: otherCa.certPem }));
    expect(result).toMatchObject({ trusted: false, matchesServername: true, trustStore: "caPem" });
    expect(result.authorizationError).toMatch(
      /^(UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)$/,
    );
  });

  it("no caPem → judged against the system CAs, which do not know the lab CA", async () => {
    const result = ok(await probe({ target: noSan.target, servername: "vcs-e1.example.com" }));
    expect(result).toMatchObject({
      trusted: false,
      trustStore: "system",
      matchesServername: true,
      authorizationError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
  });

  it("an expired certificate → negative daysToExpiry, expired, and CERT_HAS_EXPIRED", async () => {
    const result = ok(await probe({ target: expired.target, servername: JOIN_URL, caPem: ca.certPem }));
    expect(result).toMatchObject({
      daysToExpiry: -3,
      expired: true,
      trusted: false,
      authorizationError: "CERT_HAS_EXPIRED",
      matchesServername: true,
    });
  });

  it("an IP servername is matched against IP SANs and not sent as SNI", async () => {
    const before = byIp.connections();
    const result = ok(await probe({ target: byIp.target, servername: "127.0.0.1", caPem: ca.certPem }));
    expect(result).toMatchObject({ trusted: true, matchesServername: true, sans: ["127.0.0.1"], daysToExpiry: 29 });
    expect(byIp.connections()).toBe(before + 1);
    expect(byIp.servernames).toEqual([]);
  });
});

describe("probeTls when no certificate comes back", () => {
  it("closed port → refused", async () => {
    const port = await freeUdpAndTcpPort();
    const result = await probe({ target: `127.0.0.1:${port}`, servername: JOIN_URL });
    expect(result).toMatchObject({ outcome: "refused", errorCode: "ECONNREFUSED", rttMs: null });
  });

  it("a peer that accepts TCP and never answers → timeout within the budget", async () => {
    const silent = await startSilentTcpServer();
    try {
      const started = performance.now();
      const result = await probe({ target: silent.target, servername: JOIN_URL, timeoutMs: 400 });
      expect(result).toMatchObject({ outcome: "timeout", rttMs: null });
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await silent.stop();
    }
  });

  it("a plain-HTTP port → handshake-failed", async () => {
    const http = await startPlainHttpServer();
    try {
      const result = await probe({ target: http.target, servername: JOIN_URL });
      expect(result.outcome, result.detail).toBe("handshake-failed");
      expect(result).toHaveProperty("errorCode");
    } finally {
      await http.stop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  chainProblem,
  clientAuthNeed,
  expiryVerdict,
  hasClientAuth,
  strengthIssues,
  type EndpointAudit,
} from "@/lib/domain/certificates";
import { createCa, issueServerCert, type Ca } from "@/lib/server/lab/certificates";
import { auditEndpoint } from "@/lib/server/probes/certificate-audit";

import { startTlsServer, type TlsServer } from "../support/tls-server";

// The certificate audit's handshake against real node:tls servers on loopback, each presenting a
// certificate this test makes: expiring, without clientAuth, for the wrong name, SHA-1, RSA 1024,
// and a leaf whose intermediate the server does not send.

const NAME = "vcs-e1.example.com";
const LEVEL0 = "DEFAULT@SECLEVEL=0";

describe("auditEndpoint against test-made certificates", () => {
  let ca: Ca;
  const servers: Record<string, TlsServer> = {};

  beforeAll(async () => {
    ca = await createCa("Audit Test CA", { pathLength: 1 });
    const inter = await issueServerCert(ca, { commonName: "Audit Test Intermediate", intermediate: true });
    const base = { commonName: NAME, dnsNames: [NAME] };
    const certs = {
      good: await issueServerCert(ca, { ...base, extendedKeyUsages: ["serverAuth", "clientAuth"], validDays: 200 }),
      expiring: await issueServerCert(ca, { ...base, extendedKeyUsages: ["serverAuth", "clientAuth"], validDays: 5 }),
      noClientAuth: await issueServerCert(ca, { ...base, extendedKeyUsages: ["serverAuth"], validDays: 200 }),
      wrongName: await issueServerCert(ca, {
        commonName: "wrong.example.net",
        dnsNames: ["wrong.example.net"],
        validDays: 200,
      }),
      sha1: await issueServerCert(ca, { ...base, signatureHash: "SHA-1", validDays: 200 }),
      rsa1024: await issueServerCert(ca, { ...base, rsaBits: 1024, validDays: 200 }),
      expired: await issueServerCert(ca, { ...base, validDays: -3 }),
      viaIntermediate: await issueServerCert(
        { certPem: inter.certPem, keyPem: inter.keyPem },
        { ...base, validDays: 200 },
      ),
    };
    for (const [k, cert] of Object.entries(certs)) servers[k] = await startTlsServer({ cert, ciphers: LEVEL0 });
    // A C2W-like listener that refuses clients without a certificate, over TLS 1.2 and 1.3.
    for (const maxVersion of ["TLSv1.2", "TLSv1.3"] as const)
      servers[`mutual-${maxVersion}`] = await startTlsServer({
        cert: certs.expiring,
        requireClientCert: true,
        maxVersion,
      });
    servers.fullChain = await startTlsServer({
      cert: certs.viaIntermediate,
      chainPems: [inter.certPem],
      ciphers: LEVEL0,
    });
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  });

  const audit = (
    key: string,
    caPem: string | null = ca.certPem,
    servername: string | null = NAME,
  ): Promise<EndpointAudit> => {
    const s = servers[key]!;
    return auditEndpoint({ label: "management", host: "127.0.0.1", port: s.port, servername, caPem, timeoutMs: 5000 });
  };
  const ok = (a: EndpointAudit) => {
    expect(a.outcome, a.detail).toBe("ok");
    return a;
  };

  it("a good certificate: details read from the handshake, trusted against the node's CA, name covered", async () => {
    const a = ok(await audit("good"));
    const leaf = a.chain[0]!;
    expect(a.trusted).toBe(true);
    expect(a.nameCovered).toBe(true);
    expect(leaf).toMatchObject({
      commonName: NAME,
      sans: [NAME],
      keyType: "EC",
      keyBits: 256,
      signatureAlgorithm: "ecdsa-with-SHA256",
      extendedKeyUsages: ["serverAuth", "clientAuth"],
      isCa: false,
      selfSigned: false,
    });
    expect(leaf.issuer).toBe("CN=Audit Test CA");
    expect(expiryVerdict(leaf.notAfter, Date.now()).status).toBe("pass");
    expect(strengthIssues(leaf)).toEqual([]);
  });

  it("expiring in 5 days → the 7-day reminder", async () => {
    const v = expiryVerdict(ok(await audit("expiring")).chain[0]!.notAfter, Date.now());
    expect(v).toMatchObject({ status: "warn", reminder: 7 });
  });

  it("expired → fail, and the chain check names the expiry", async () => {
    const a = ok(await audit("expired"));
    expect(expiryVerdict(a.chain[0]!.notAfter, Date.now()).status).toBe("fail");
    expect(chainProblem(a)).toBe("expired-in-chain");
  });

  it("no clientAuth EKU → FN74362 finding on an affected Expressway version", async () => {
    const leaf = ok(await audit("noClientAuth")).chain[0]!;
    expect(leaf.extendedKeyUsages).toEqual(["serverAuth"]);
    expect(hasClientAuth(leaf)).toBe(false);
    expect(clientAuthNeed("X15.2.1")).toBe("needs");
  });

  it("wrong name → not covered, yet trusted (two separate facts)", async () => {
    const a = ok(await audit("wrongName"));
    expect(a.nameCovered).toBe(false);
    expect(a.trusted).toBe(true);
  });

  it("SHA-1 signature and RSA 1024 key are read and flagged, the handshake still completes", async () => {
    expect(strengthIssues(ok(await audit("sha1")).chain[0]!).map((i) => i.kind)).toEqual(["sha1"]);
    const rsa = ok(await audit("rsa1024")).chain[0]!;
    expect(rsa).toMatchObject({ keyType: "RSA", keyBits: 1024 });
    expect(strengthIssues(rsa).map((i) => i.kind)).toEqual(["weak-key"]);
  });

  it.each(["TLSv1.2", "TLSv1.3"])(
    "a listener demanding a client certificate (%s) still has its certificate audited and trust judged",
    async (v) => {
      const a = ok(await audit(`mutual-${v}`));
      expect(a.chain[0]!.commonName).toBe(NAME);
      expect(a.trusted, a.verifyError ?? "").toBe(true);
      expect(expiryVerdict(a.chain[0]!.notAfter, Date.now())).toMatchObject({ status: "warn", reminder: 7 });
      // Against another CA the same certificate is not trusted: the verdict is OpenSSL's, not assumed.
      const other = ok(await audit(`mutual-${v}`, (await createCa("Other CA")).certPem));
      expect(other.trusted).toBe(false);
      expect(other.verifyError).toMatch(/UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
      if (v === "TLSv1.2") expect(a.detail).toMatch(/the server then ended the handshake/);
    },
  );

  it("intermediate not sent → incomplete chain; sent → trusted with the root found", async () => {
    const missing = ok(await audit("viaIntermediate"));
    expect(missing.trusted).toBe(false);
    expect(chainProblem(missing)).toBe("incomplete");
    const full = ok(await audit("fullChain"));
    expect(full.trusted, full.verifyError ?? "").toBe(true);
    expect(full.chain.map((c) => c.commonName)).toEqual([NAME, "Audit Test Intermediate", "Audit Test CA"]);
  });

  it("another CA → untrusted; nothing listening → refused, with no certificates", async () => {
    const other = await createCa("Someone Else CA");
    const a = ok(await audit("good", other.certPem));
    expect(a.trusted).toBe(false);
    expect(chainProblem(a)).not.toBeNull();
    const port = servers.good!.port;
    await servers.good!.stop();
    const gone = await auditEndpoint({
      label: "management",
      host: "127.0.0.1",
      port,
      servername: NAME,
      caPem: null,
      timeoutMs: 2000,
    });
    expect(gone).toMatchObject({ outcome: "refused", chain: [] });
  });
});

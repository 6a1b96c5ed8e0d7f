import { describe, expect, it } from "vitest";
import { CHECKS, runCheck } from "@/lib/server/checks";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { auditResult, certDetail, ctxWith, NODES, type Bend } from "../support/check-context";

// The certificate and headroom checks over hand-built contexts: each finding its fault, with the
// evidence and fix it gives. The lab drives the same checks in tests/integration/headroom-checks-lab.test.ts.

const byId = (id: string) => CHECKS.find((c) => c.id === id)!;
const run = (id: string, b: Bend = {}) => runCheck(byId(id), ctxWith(b));
const mgmt = (node: string, name: string, o: Record<string, unknown> = {}, a: Record<string, unknown> = {}) => ({
  [PROBE_KEYS.certManagement(node)]: auditResult("management", "127.0.0.1", certDetail(name, o), a),
});

describe("certificate checks", () => {
  it("cert-expiry: warns at the 30-day reminder, fails once expired, follows configured reminders", () => {
    // the context's now is 2026-01-01T00:01Z
    expect(
      run("cert-expiry", { probes: mgmt("c", "vcs-c.example.local", { notAfter: "2026-01-20T00:00:00.000Z" }) }),
    ).toMatchObject({ status: "warn", summary: expect.stringMatching(/30-day reminder/) });
    expect(
      run("cert-expiry", { probes: mgmt("c", "vcs-c.example.local", { notAfter: "2025-12-30T00:00:00.000Z" }) }).status,
    ).toBe("fail");
    expect(
      run("cert-expiry", {
        deployment: { certReminderDays: [10] },
        probes: mgmt("c", "vcs-c.example.local", { notAfter: "2026-01-20T00:00:00.000Z" }),
      }).status,
    ).toBe("pass");
  });
  it("cert-client-auth: fails on X15.2.1, warns on X15.4, passes on X15.5 — for the same server-only certificate", () => {
    const serverOnly = mgmt("e1", "vcs-e1.example.local", { extendedKeyUsages: ["serverAuth"] });
    const at = (version: string) =>
      run("cert-client-auth", {
        probes: serverOnly,
        data: { "e1 expressway.system": { since: "", lastSeenAt: "", content: { product: "x", version } } },
      });
    expect(at("X15.2.1").status).toBe("fail");
    expect(at("X15.2.1").fix.join(" ")).toMatch(/private\/enterprise CA/);
    expect(at("X15.4.0").status).toBe("warn");
    expect(at("X15.4.0").fix.join(" ")).toMatch(/EnableServerEkuUpload/);
    expect(at("X15.5.0").status).toBe("pass");
  });
  it("cert-client-auth ignores CMS (it does not present its certificate as a traversal client)", () => {
    expect(run("cert-client-auth").status).toBe("pass");
  });
  it("cert-names: Join URL missing on the public certificate, node FQDN missing on its own", () => {
    const noJoin = {
      [PROBE_KEYS.certPublic("e2")]: auditResult(
        "public 443 (Join URL)",
        "webbridge.example.com",
        certDetail("vcs-e2.example.local"),
      ),
    };
    expect(run("cert-names", { probes: noJoin }).summary).toMatch(
      /vcs-e2\.example\.local public 443.*does not cover webbridge\.example\.com/,
    );
    expect(run("cert-names", { probes: mgmt("cms", "other.example.local") }).summary).toMatch(
      /does not cover cms1\.example\.local/,
    );
    expect(run("cert-names", { probes: mgmt("cms", "*.example.local", { sans: ["*.example.local"] }) }).status).toBe(
      "pass",
    );
  });
  it("cert-strength: RSA 1024 and SHA-1 fail", () => {
    expect(
      run("cert-strength", { probes: mgmt("c", "vcs-c.example.local", { keyType: "RSA", keyBits: 1024 }) }).summary,
    ).toMatch(/RSA 1024-bit key/);
    expect(
      run("cert-strength", {
        probes: mgmt("c", "vcs-c.example.local", { signatureAlgorithm: "sha1WithRSAEncryption" }),
      }).summary,
    ).toMatch(/sha1WithRSAEncryption/);
  });
  it("cert-chain: a handshake that fails is a failure; an untrusted chain names its verify error", () => {
    expect(
      run("cert-chain", {
        probes: {
          [PROBE_KEYS.certManagement("c")]: {
            ...auditResult("management", null, certDetail("x")),
            outcome: "refused",
            chain: [],
            detail: "refused",
          },
        },
      }).summary,
    ).toMatch(/no TLS handshake \(refused\)/);
    expect(
      run("cert-chain", {
        probes: mgmt(
          "c",
          "vcs-c.example.local",
          {},
          {
            trusted: false,
            verifyError: "SELF_SIGNED_CERT_IN_CHAIN",
            chain: [certDetail("vcs-c.example.local"), certDetail("Root", { selfSigned: true })],
          },
        ),
      }).summary,
    ).toMatch(/not trusted by the node's CA \(SELF_SIGNED_CERT_IN_CHAIN\)/);
  });
  it("every certificate check is unknown while a probe has not run (never a pass on no data)", () => {
    for (const id of ["cert-expiry", "cert-chain", "cert-names", "cert-strength"])
      expect(run(id, { probes: { [PROBE_KEYS.certPublic("e1")]: null } }).status, id).toBe("unknown");
  });
});

describe("capacity and licence checks", () => {
  const cms = (key: string, v: unknown) => ({ data: { [`cms ${key}`]: v } });
  const snap = (content: unknown) => ({ since: "", lastSeenAt: "", content });
  it("cms-licensing: grace fails, expiry in 20 days warns", () => {
    expect(
      run(
        "cms-licensing",
        cms(
          "cms.licensing",
          snap({ features: [{ name: "callBridge", status: "grace", expiry: null }], cluster: null }),
        ),
      ).status,
    ).toBe("fail");
    expect(
      run(
        "cms-licensing",
        cms(
          "cms.licensing",
          snap({ features: [], cluster: [{ name: "callBridge", status: "activated", expiry: "2026-01-21" }] }),
        ),
      ).status,
    ).toBe("warn");
  });
  it("cms-database: a node out of sync fails", () => {
    const db = {
      clustered: true,
      totalNodes: 2,
      nodeInUse: "a",
      error: null,
      nodes: [
        { hostname: "a", up: true, syncBehind: 0, master: true },
        { hostname: "b", up: true, syncBehind: 9_000_000, master: false },
      ],
    };
    expect(run("cms-database", cms("cms.database", snap(db))).summary).toMatch(/b is 9000000 bytes behind/);
  });
  it("capacity-media-load: warns above the new-conference level, passes with no loadLimit to compare with", () => {
    expect(
      run(
        "capacity-media-load",
        cms("cms.load", {
          ...snap({
            loadLimit: 1000,
            newConferenceBasisPoints: 5000,
            existingConferenceBasisPoints: 8000,
            loadBand: 600,
          }),
          mediaProcessingLoad: 600,
        }),
      ).status,
    ).toBe("warn");
    expect(
      run(
        "capacity-media-load",
        cms("cms.load", {
          ...snap({
            loadLimit: null,
            newConferenceBasisPoints: 5000,
            existingConferenceBasisPoints: 8000,
            loadBand: 900,
          }),
          mediaProcessingLoad: 900,
        }),
      ).status,
    ).toBe("pass");
  });
  it("capacity-turn-relays: 1500 of 1800 warns, 1750 fails", () => {
    const relays = (current: number) => ({
      data: {
        "e2 expressway-e.turn-relays": { at: "", current, peak: current, total: current, serverStatus: "Active" },
      },
    });
    expect(run("capacity-turn-relays", relays(1500)).status).toBe("warn");
    expect(run("capacity-turn-relays", relays(1750)).status).toBe("fail");
  });
  it("capacity-turn-relays: a node's own capacity (a Large VM's 6000) replaces the default", () => {
    const nodes = NODES.map((n) => (n.id === "e2" ? { ...n, turnRelayCapacity: 6000 } : n));
    const r = run("capacity-turn-relays", {
      nodes,
      data: {
        "e2 expressway-e.turn-relays": { at: "", current: 1750, peak: 1750, total: 1750, serverStatus: "Active" },
      },
    });
    expect(r.status).toBe("pass");
    expect(r.evidence.map((e) => e.value)).toContain("1750 of 6000 (29 %)");
  });
});

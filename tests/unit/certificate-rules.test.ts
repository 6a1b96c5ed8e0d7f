import { describe, expect, it } from "vitest";
import {
  certificatesCsv,
  parseExtraAuditTargets,
  chainProblem,
  clientAuthFix,
  clientAuthNeed,
  coversName,
  expiryVerdict,
  hasClientAuth,
  nameMatches,
  strengthIssues,
  type CertificateRow,
} from "@/lib/domain/certificates";
import { databaseFindings } from "@/lib/domain/cms-database";
import { licenceFindings, parseCmsDate } from "@/lib/domain/cms-licensing";
import { loadVerdict, usageVerdict } from "@/lib/domain/capacity";

const NOW = Date.UTC(2026, 11, 2, 6, 0);
const inDays = (d: number) => new Date(NOW + d * 86_400_000 + 3_600_000).toISOString();

describe("expiryVerdict (reminders 60/30/14/7)", () => {
  it.each([
    { days: 90, status: "pass", reminder: null },
    { days: 45, status: "warn", reminder: 60 },
    { days: 20, status: "warn", reminder: 30 },
    { days: 9, status: "warn", reminder: 14 },
    { days: 5, status: "warn", reminder: 7 },
    { days: -2, status: "fail", reminder: null },
  ])("$days days → $status ($reminder)", ({ days, status, reminder }) => {
    const v = expiryVerdict(inDays(days), NOW);
    expect(v.status).toBe(status);
    expect(v.reminder).toBe(reminder);
  });
  it("takes other reminder days", () => expect(expiryVerdict(inDays(45), NOW, [90, 10]).reminder).toBe(90));
});

describe("name coverage (RFC 6125)", () => {
  it.each([
    ["webbridge.example.com", "webbridge.example.com", true],
    ["*.example.com", "webbridge.example.com", true],
    ["*.example.com", "a.b.example.com", false],
    ["*.com", "example.com", false],
    ["vcs-e1.example.local", "webbridge.example.com", false],
  ])("%s covers %s: %s", (pattern, name, want) => expect(nameMatches(pattern, name)).toBe(want));
  it("ignores the CN when SANs exist", () => {
    expect(coversName({ sans: ["a.example.com"], commonName: "webbridge.example.com" }, "webbridge.example.com")).toBe(
      false,
    );
    expect(coversName({ sans: [], commonName: "webbridge.example.com" }, "webbridge.example.com")).toBe(true);
  });
});

describe("FN74362 clientAuth need by Expressway version", () => {
  it.each([
    ["X14.3.7", "needs"],
    ["X15.2.1", "needs"],
    ["X15.3.2", "needs"],
    ["X15.4.0", "switch"],
    ["X15.5", "separate"],
    ["X16.0.1", "separate"],
    [null, "unknown"],
  ])("%s → %s", (v, want) => expect(clientAuthNeed(v)).toBe(want));
  it("no EKU extension means any purpose; serverAuth only lacks clientAuth", () => {
    expect(hasClientAuth({ extendedKeyUsages: null })).toBe(true);
    expect(hasClientAuth({ extendedKeyUsages: ["serverAuth"] })).toBe(false);
    expect(hasClientAuth({ extendedKeyUsages: ["serverAuth", "clientAuth"] })).toBe(true);
  });
  it("the fix names the X15.4 switch only for X15.4, and the X15.5 client store always", () => {
    expect(clientAuthFix("switch").join(" ")).toMatch(/EnableServerEkuUpload/);
    expect(clientAuthFix("needs").join(" ")).not.toMatch(/EnableServerEkuUpload/);
    expect(clientAuthFix("needs").join(" ")).toMatch(/X15\.5/);
  });
});

describe("strength", () => {
  it("flags RSA 1024 and SHA-1, not a SHA-1 self-signed root nor EC P-256", () => {
    expect(
      strengthIssues({
        keyType: "RSA",
        keyBits: 1024,
        signatureAlgorithm: "sha256WithRSAEncryption",
        selfSigned: false,
      }).map((i) => i.kind),
    ).toEqual(["weak-key"]);
    expect(
      strengthIssues({
        keyType: "RSA",
        keyBits: 2048,
        signatureAlgorithm: "sha1WithRSAEncryption",
        selfSigned: false,
      }).map((i) => i.kind),
    ).toEqual(["sha1"]);
    expect(
      strengthIssues({ keyType: "RSA", keyBits: 4096, signatureAlgorithm: "sha1WithRSAEncryption", selfSigned: true }),
    ).toEqual([]);
    expect(
      strengthIssues({ keyType: "EC", keyBits: 256, signatureAlgorithm: "ecdsa-with-SHA256", selfSigned: false }),
    ).toEqual([]);
  });
});

describe("chainProblem", () => {
  const leaf = { selfSigned: false } as never;
  it("a lone leaf the CA cannot reach is an incomplete chain; a full chain to an unknown root is untrusted", () => {
    expect(chainProblem({ trusted: false, verifyError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", chain: [leaf] })).toBe(
      "incomplete",
    );
    expect(chainProblem({ trusted: false, verifyError: "SELF_SIGNED_CERT_IN_CHAIN", chain: [leaf, leaf] })).toBe(
      "untrusted",
    );
    expect(chainProblem({ trusted: true, verifyError: null, chain: [leaf] })).toBeNull();
  });
});

describe("extra certificate targets (node setting)", () => {
  it("reads label = host:port [name], one per line, comments and blanks ignored", () => {
    expect(
      parseExtraAuditTargets(
        "Web Bridge = 10.0.0.20:443 webbridge.example.com\n# c2w\n\nCall Bridge C2W=10.0.0.20:9999",
      ),
    ).toEqual({
      ok: true,
      value: [
        { label: "Web Bridge", target: "10.0.0.20:443", servername: "webbridge.example.com" },
        { label: "Call Bridge C2W", target: "10.0.0.20:9999", servername: null },
      ],
    });
    expect(parseExtraAuditTargets(null)).toEqual({ ok: true, value: [] });
  });
  it.each([
    ["webbridge:443"],
    ["Web Bridge = 10.0.0.20"],
    ["x = 10.0.0.20:70000"],
    [Array.from({ length: 9 }, (_, i) => `t${i} = 10.0.0.${i}:443`).join("\n")],
  ])("rejects %j", (text) => {
    expect(parseExtraAuditTargets(text).ok).toBe(false);
  });
});

describe("CSV of certificates", () => {
  it("quotes commas and defuses formulas", () => {
    const row = {
      deploymentName: "Lab",
      nodeName: "=cmd",
      endpoint: "management",
      target: "127.0.0.1:1",
      position: "leaf",
      subject: "CN=a, O=b",
      issuer: "CN=ca",
      sans: ["a", "b"],
      notAfter: "2027-01-01T00:00:00.000Z",
      daysLeft: 30,
      keyType: "EC",
      keyBits: 256,
      signatureAlgorithm: "ecdsa-with-SHA256",
      extendedKeyUsages: ["serverAuth"],
      trusted: true,
      problems: [],
    } as unknown as CertificateRow;
    const line = certificatesCsv([row]).split("\n")[1]!;
    expect(line).toContain(`'=cmd`);
    expect(line).toContain(`"CN=a, O=b"`);
  });
});

describe("CMS licensing", () => {
  it.each([
    ["2022-Aug-08", "2022-08-08"],
    ["2026-12-31T00:00:00Z", "2026-12-31"],
    ["soon", null],
  ])("parseCmsDate(%s) = %s", (t, want) => expect(parseCmsDate(t)).toBe(want));
  it("fails on grace and expired, warns ahead of expiry, ignores noLicense", () => {
    const f = licenceFindings(
      [
        { name: "callBridge", status: "grace", expiry: "2026-Nov-30" },
        { name: "webBridge", status: "activated", expiry: "2026-Dec-12" },
        { name: "turn", status: "activated", expiry: "2027-Jun-01" },
        { name: "recording", status: "noLicense", expiry: null },
        { name: "streaming", status: "expired", expiry: null },
      ],
      NOW,
    );
    expect(f.map((x) => [x.feature, x.status])).toEqual([
      ["callBridge", "fail"],
      ["webBridge", "warn"],
      ["streaming", "fail"],
    ]);
  });
});

describe("CMS database cluster", () => {
  const node = (hostname: string, o: Partial<{ up: boolean; syncBehind: number; master: boolean }> = {}) => ({
    hostname,
    up: o.up ?? true,
    syncBehind: o.syncBehind ?? 0,
    master: o.master ?? false,
  });
  it("is quiet when healthy or not clustered", () => {
    expect(databaseFindings({ clustered: false, totalNodes: null, nodeInUse: null, error: null, nodes: [] })).toEqual(
      [],
    );
    expect(
      databaseFindings({
        clustered: true,
        totalNodes: 2,
        nodeInUse: "db1",
        error: null,
        nodes: [node("db1", { master: true }), node("db2")],
      }),
    ).toEqual([]);
  });
  it("fails on a node down and a node far behind", () => {
    const f = databaseFindings({
      clustered: true,
      totalNodes: 3,
      nodeInUse: "db1",
      error: null,
      nodes: [node("db1", { master: true }), node("db2", { up: false }), node("db3", { syncBehind: 50_000_000 })],
    });
    expect(f.map((x) => x.status)).toEqual(["fail", "fail"]);
    expect(f[0]!.message).toMatch(/db2 is down/);
  });
});

describe("capacity verdicts", () => {
  it("relays against capacity", () => {
    expect(usageVerdict(100, 1800)).toBe("pass");
    expect(usageVerdict(1500, 1800)).toBe("warn");
    expect(usageVerdict(1750, 1800)).toBe("fail");
  });
  it("CMS load against loadLimit with Cisco's default basis points", () => {
    const limits = { loadLimit: 1000, newConferenceBasisPoints: 5000, existingConferenceBasisPoints: 8000 };
    expect(loadVerdict(300, limits).status).toBe("pass");
    expect(loadVerdict(600, limits).status).toBe("warn");
    expect(loadVerdict(850, limits).status).toBe("fail");
    expect(loadVerdict(850, { ...limits, loadLimit: null }).status).toBe("unknown");
  });
});

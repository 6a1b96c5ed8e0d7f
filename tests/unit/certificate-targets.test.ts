import { describe, expect, it } from "vitest";
import {
  auditKindOf,
  isIpLiteral,
  listedAddresses,
  nameToCover,
  parseListedAddress,
} from "@/lib/domain/certificate-targets";
import { expiryVerdict } from "@/lib/domain/certificates";

// The addresses CMS lists (webBridges url, callBridges address) read tolerantly — their exact shape
// is not pinned down by Cisco — and the name rule for each kind of audited address.

describe("parseListedAddress", () => {
  it.each([
    ["https://14.80.82.30", { host: "14.80.82.30", port: 443 }],
    ["https://cms1.example.com:445/", { host: "cms1.example.com", port: 445 }],
    ["c2w://webbridge.example.com:9999", { host: "webbridge.example.com", port: 9999 }],
    ["wss://WebBridge.Example.com/c2w?x=1", { host: "webbridge.example.com", port: 443 }],
    ["https://webbridge.example.com:8443/path#frag", { host: "webbridge.example.com", port: 8443 }],
    ["198.51.100.7:445", { host: "198.51.100.7", port: 445 }],
    ["webbridge.example.com", { host: "webbridge.example.com", port: 443 }],
    ["webbridge.example.com.", { host: "webbridge.example.com", port: 443 }],
    ["https://[2001:db8::5]:9443/", { host: "2001:db8::5", port: 9443 }],
    ["[2001:db8::5]", { host: "2001:db8::5", port: 443 }],
    ["2001:db8::5", { host: "2001:db8::5", port: 443 }],
    ["https://user@cms1.example.com", { host: "cms1.example.com", port: 443 }],
    ["  https://198.51.100.7  ", { host: "198.51.100.7", port: 443 }],
  ])("%s → %o", (text, want) => expect(parseListedAddress(text)).toEqual(want));

  it.each([
    "",
    "   ",
    null,
    undefined,
    "https://",
    "https://host:0",
    "https://host:70000",
    "https://host:ab",
    "https://[2001:db8::5",
    "https://[2001:db8::5]x",
    "bad host name",
    "https://-bad.example.com",
    "https://a..b",
    "999.1.1.1",
    "c2w://",
    "://",
  ])("%o → null (ignored, no throw)", (text) => expect(parseListedAddress(text)).toBeNull());
});

describe("listedAddresses", () => {
  it("takes every Web Bridge url and Call Bridge address, skipping empty ones", () => {
    expect(
      listedAddresses(
        { webBridges: [{ url: "c2w://wb.example.com:9999" }, { url: null }, { url: " " }] },
        { callBridges: [{ address: "https://198.51.100.7" }, { address: null }] },
      ),
    ).toEqual([
      { role: "Web Bridge", text: "c2w://wb.example.com:9999" },
      { role: "Call Bridge", text: "https://198.51.100.7" },
    ]);
    expect(listedAddresses(null, undefined)).toEqual([]);
  });
});

describe("nameToCover", () => {
  const o = { joinUrl: "join.example.com", nodeName: "cms1.example.com", servername: null };
  it("public 443: the Join URL; management: the node FQDN (none for a short name or an IP)", () => {
    expect(nameToCover("public", o)).toBe("join.example.com");
    expect(nameToCover("management", o)).toBe("cms1.example.com");
    expect(nameToCover("management", { ...o, nodeName: "cms1" })).toBeNull();
    expect(nameToCover("management", { ...o, nodeName: "198.51.100.7" })).toBeNull();
  });
  it("listed and extra: the name reached, never an IP literal and never the node's FQDN", () => {
    expect(nameToCover("listed", { ...o, servername: "wb.example.com" })).toBe("wb.example.com");
    expect(nameToCover("listed", { ...o, servername: "198.51.100.7" })).toBeNull();
    expect(nameToCover("listed", { ...o, servername: "2001:db8::5" })).toBeNull();
    expect(nameToCover("extra", { ...o, servername: "2001:db8::5" })).toBeNull();
    expect(nameToCover("listed", o)).toBeNull();
  });
  it("knows IP literals and audit kinds by probe key", () => {
    expect([isIpLiteral("10.0.0.1"), isIpLiteral("2001:db8::1"), isIpLiteral("a.example.com")]).toEqual([
      true,
      true,
      false,
    ]);
    expect(auditKindOf("cert-listed:n1:127.0.0.1:443")).toBe("listed");
    expect(auditKindOf("cert-extra:n1:0")).toBe("extra");
    expect(auditKindOf("cert-public:n1")).toBe("public");
    expect(auditKindOf("cert-management:n1")).toBe("management");
  });
});

describe("expiry state the Certificates view colours by", () => {
  const NOW = Date.UTC(2026, 11, 2, 6, 0);
  const inDays = (d: number) => new Date(NOW + d * 86_400_000 + 3_600_000).toISOString();
  it("is urgent inside the smaller half of the reminders, whatever they are configured to", () => {
    expect(expiryVerdict(inDays(20), NOW)).toMatchObject({ status: "warn", reminder: 30, urgent: false });
    expect(expiryVerdict(inDays(9), NOW)).toMatchObject({ status: "warn", reminder: 14, urgent: true });
    expect(expiryVerdict(inDays(45), NOW, [90, 10])).toMatchObject({ status: "warn", reminder: 90, urgent: false });
    expect(expiryVerdict(inDays(9), NOW, [90, 10])).toMatchObject({ status: "warn", reminder: 10, urgent: true });
    expect(expiryVerdict(inDays(100), NOW, [90, 10])).toMatchObject({ status: "pass", urgent: false });
    expect(expiryVerdict(inDays(-1), NOW, [90, 10])).toMatchObject({ status: "fail", urgent: false });
  });
});

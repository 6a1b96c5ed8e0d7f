import type { DetailedPeerCertificate } from "node:tls";

import { describe, expect, it } from "vitest";

import { DAY_MS, daysToExpiry, formatDn, parseSubjectAltName, walkChain } from "@/lib/server/probes/tls-certificate";
import { tlsFailureOutcome } from "@/lib/server/probes/tls";

describe("parseSubjectAltName", () => {
  it.each([
    [undefined, []],
    ["", []],
    ["DNS:webbridge.example.com", ["webbridge.example.com"]],
    [
      "DNS:vcs-e1.example.com, DNS:WebBridge.Example.com, IP Address:203.0.113.5",
      ["vcs-e1.example.com", "webbridge.example.com", "203.0.113.5"],
    ],
    // node prints IPv6 SANs expanded and upper-case.
    ["IP Address:2001:DB8:0:0:0:0:0:5", ["2001:db8::5"]],
    // Other kinds are not what a servername is matched against.
    ["URI:https://webbridge.example.com/, email:ops@example.com, DNS:webbridge.example.com", ["webbridge.example.com"]],
    // node JSON-quotes values containing a comma.
    ['DNS:"a,b.example.com", DNS:c.example.com', ["a,b.example.com", "c.example.com"]],
  ])("%j", (text, sans) => {
    expect(parseSubjectAltName(text)).toEqual(sans);
  });
});

describe("daysToExpiry (whole days, toward zero; expired settles ±0)", () => {
  const validTo = Date.UTC(2026, 5, 1);
  it.each([
    [90 * DAY_MS, 90, false],
    [89.9 * DAY_MS, 89, false],
    [29.5 * DAY_MS, 29, false],
    [0.5 * DAY_MS, 0, false],
    [0, 0, false],
    [-0.5 * DAY_MS, 0, true],
    [-1.5 * DAY_MS, -1, true],
    [-3.2 * DAY_MS, -3, true],
  ])("validTo − now = %d ms → %i days, expired %s", (remaining, days, expired) => {
    const result = daysToExpiry(validTo, validTo - remaining);
    expect(result).toEqual({ daysToExpiry: days, expired });
    expect(Object.is(result.daysToExpiry, -0)).toBe(false);
  });
});

describe("formatDn", () => {
  it.each([
    [undefined, ""],
    [{ CN: "webbridge.example.com" }, "CN=webbridge.example.com"],
    [{ C: "NO", O: "Example", CN: "vcs-e1" }, "C=NO, O=Example, CN=vcs-e1"],
    [{ OU: ["Edge", "Video"], CN: "vcs-e1" }, "OU=Edge, OU=Video, CN=vcs-e1"],
  ])("%j → %j", (dn, text) => {
    expect(formatDn(dn as never)).toBe(text);
  });
});

describe("walkChain", () => {
  const cert = (cn: string, issuer: string, fp: string) =>
    ({ subject: { CN: cn }, issuer: { CN: issuer }, fingerprint256: fp }) as unknown as DetailedPeerCertificate;

  it("follows issuers and stops at a self-signed root that links to itself", () => {
    const root = cert("Root", "Root", "r");
    root.issuerCertificate = root;
    const intermediate = cert("Intermediate", "Root", "i");
    intermediate.issuerCertificate = root;
    const leaf = cert("webbridge.example.com", "Intermediate", "l");
    leaf.issuerCertificate = intermediate;
    expect(walkChain(leaf)).toEqual([
      { subject: "CN=webbridge.example.com", issuer: "CN=Intermediate" },
      { subject: "CN=Intermediate", issuer: "CN=Root" },
      { subject: "CN=Root", issuer: "CN=Root" },
    ]);
  });

  it("stops when the issuer is unknown (only the leaf was sent)", () => {
    expect(walkChain(cert("leaf", "Unknown CA", "l"))).toEqual([{ subject: "CN=leaf", issuer: "CN=Unknown CA" }]);
  });
});

describe("tlsFailureOutcome", () => {
  it.each([
    ["ECONNREFUSED", "refused"],
    ["EHOSTUNREACH", "unreachable"],
    ["ENOTFOUND", "unreachable"],
    ["ETIMEDOUT", "timeout"],
    ["ECONNRESET", "handshake-failed"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "handshake-failed"],
    ["EPROTO", "handshake-failed"],
    ["EPIPE", "error"],
    [undefined, "error"],
  ] as const)("%s → %s", (code, outcome) => {
    expect(tlsFailureOutcome(code)).toBe(outcome);
  });
});

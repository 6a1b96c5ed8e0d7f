import { describe, expect, it } from "vitest";

import {
  aAnswers,
  canonicalAddress,
  checkExpected,
  compareExpected,
  describeDnsOutcome,
  outcomeForDnsError,
  srvAnswers,
  type DnsOutcome,
} from "@/lib/server/probes/dns-answers";

describe("outcomeForDnsError (node:dns / c-ares codes)", () => {
  it.each([
    ["ENOTFOUND", "nxdomain", "NXDOMAIN"],
    ["ENODATA", "nodata", "NOERROR"],
    ["ESERVFAIL", "servfail", "SERVFAIL"],
    ["EREFUSED", "refused", "REFUSED"],
    ["EFORMERR", "error", "FORMERR"],
    ["ENOTIMP", "error", "NOTIMP"],
    ["ETIMEOUT", "timeout", null],
    ["ECANCELLED", "timeout", null],
    ["ECONNREFUSED", "unreachable", null],
    ["EBADRESP", "error", null],
    [undefined, "error", null],
  ] as const)("%s → %s (rcode %s)", (code, outcome, rcode) => {
    expect(outcomeForDnsError(code)).toEqual({ outcome, rcode });
  });
});

describe("describeDnsOutcome", () => {
  it.each([
    ["ok", 1, "192.0.2.53:53 answered 1 A record for webbridge.example.com"],
    ["ok", 2, "192.0.2.53:53 answered 2 A records for webbridge.example.com"],
    ["nodata", 0, "webbridge.example.com exists at 192.0.2.53:53 but has no A record (NOERROR, empty answer)"],
    ["nxdomain", 0, "192.0.2.53:53 says webbridge.example.com does not exist (NXDOMAIN)"],
    ["timeout", 0, "no answer from 192.0.2.53:53 for webbridge.example.com A in time"],
    ["unreachable", 0, "nothing answers DNS at 192.0.2.53:53 (connection refused)"],
  ] as [DnsOutcome, number, string][])("%s (%i answers)", (outcome, count, text) => {
    expect(describeDnsOutcome(outcome, "webbridge.example.com", "A", "192.0.2.53:53", count)).toBe(text);
  });
});

describe("canonicalAddress", () => {
  it.each([
    ["203.0.113.5", "203.0.113.5"],
    [" 2001:DB8:0:0:0:0:0:5 ", "2001:db8::5"],
    ["2001:db8::5", "2001:db8::5"],
    ["CMS1.Example.Local.", "cms1.example.local"],
  ])("%j → %j", (text, canonical) => {
    expect(canonicalAddress(text)).toBe(canonical);
  });
});

describe("answer shaping", () => {
  it("A/AAAA answers keep the TTL and canonical addresses", () => {
    expect(aAnswers([{ address: "2001:DB8::5", ttl: 60 }])).toEqual([{ value: "2001:db8::5", ttl: 60 }]);
  });

  it("SRV answers carry target:port as their comparable value", () => {
    expect(srvAnswers([{ name: "CMS1.example.local", port: 5222, priority: 10, weight: 5 }])).toEqual([
      { value: "cms1.example.local:5222", target: "cms1.example.local", port: 5222, priority: 10, weight: 5 },
    ]);
  });
});

describe("checkExpected", () => {
  it.each([
    ["A", "203.0.113.5", undefined],
    ["A", "2001:db8::5", '"2001:db8::5" is not an IPv4 address (type A)'],
    ["AAAA", "2001:db8::5", undefined],
    ["AAAA", "webbridge.example.com", '"webbridge.example.com" is not an IPv6 address (type AAAA)'],
    ["SRV", "cms1.example.local", undefined],
    ["SRV", "cms1.example.local:5222", undefined],
    [
      "SRV",
      "cms1.example.local:0",
      '"cms1.example.local:0" is not an SRV target: want "host" or "host:port" (type SRV)',
    ],
    ["SRV", "cms 1:5222", '"cms 1:5222" is not an SRV target: want "host" or "host:port" (type SRV)'],
  ] as const)("%s %j", (type, entry, problem) => {
    expect(checkExpected(type, entry)).toBe(problem);
  });
});

describe("compareExpected", () => {
  const a = aAnswers([
    { address: "203.0.113.5", ttl: 60 },
    { address: "203.0.113.6", ttl: 60 },
  ]);

  it("matches as a set, whatever the order", () => {
    expect(compareExpected("A", ["203.0.113.6", "203.0.113.5"], a)).toEqual({
      matches: true,
      missing: [],
      unexpected: [],
    });
  });

  it("R9: an inside answer pointing at Expressway-E lists both sides of the difference", () => {
    expect(compareExpected("A", ["10.0.0.40"], aAnswers([{ address: "10.0.0.36", ttl: 0 }]))).toEqual({
      matches: false,
      missing: ["10.0.0.40"],
      unexpected: ["10.0.0.36"],
    });
  });

  it("an extra answer alone breaks the match", () => {
    expect(compareExpected("A", ["203.0.113.5"], a)).toEqual({
      matches: false,
      missing: [],
      unexpected: ["203.0.113.6"],
    });
  });

  it("no answers (failed lookup) → every expected entry is missing", () => {
    expect(compareExpected("A", ["203.0.113.5"], [])).toEqual({
      matches: false,
      missing: ["203.0.113.5"],
      unexpected: [],
    });
  });

  it("IPv6 expectations compare canonically", () => {
    expect(compareExpected("AAAA", ["2001:0DB8::0005"], aAnswers([{ address: "2001:db8::5", ttl: 1 }])).matches).toBe(
      true,
    );
  });

  it("SRV: host:port must match both; a bare host matches on any port", () => {
    const srv = srvAnswers([{ name: "cms1.example.local", port: 5222, priority: 0, weight: 0 }]);
    expect(compareExpected("SRV", ["cms1.example.local:5222"], srv).matches).toBe(true);
    expect(compareExpected("SRV", ["CMS1.example.local."], srv).matches).toBe(true);
    expect(compareExpected("SRV", ["cms1.example.local:5223"], srv)).toEqual({
      matches: false,
      missing: ["cms1.example.local:5223"],
      unexpected: ["cms1.example.local:5222"],
    });
  });
});

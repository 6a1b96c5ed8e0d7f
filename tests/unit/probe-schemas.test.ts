import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { createCa } from "@/lib/server/lab/certificates";
import { dnsProbeInput } from "@/lib/server/probes/dns";
import { portProbeInput } from "@/lib/server/probes/port";
import { tlsProbeInput } from "@/lib/server/probes/tls";
import { turnProbeInput } from "@/lib/server/probes/turn-probe";

// Request bodies of POST /api/probes/{dns|tls|port|turn}: what passes, and what a person reads
// when it does not ("path: message", as the route wrapper joins them).

function issues(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  expect(result.success, "expected the body to be rejected").toBe(false);
  return (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("dns input", () => {
  it("parses a full body and fills defaults", () => {
    expect(
      dnsProbeInput.parse({
        resolver: "192.0.2.53",
        name: "_xmpp-client._tcp.example.com",
        type: "SRV",
        expected: ["cms1.example.local:5222", "cms2.example.local"],
      }),
    ).toEqual({
      resolver: { host: "192.0.2.53", port: 53, family: 4 },
      name: "_xmpp-client._tcp.example.com",
      type: "SRV",
      expected: ["cms1.example.local:5222", "cms2.example.local"],
      timeoutMs: 3000,
    });
    expect(
      dnsProbeInput.parse({ resolver: "[2001:db8::53]:5353", name: "webbridge.example.com", type: "AAAA" }).resolver,
    ).toEqual({ host: "2001:db8::53", port: 5353, family: 6 });
  });

  it.each([
    [
      { resolver: "dns.example.com:53", name: "webbridge.example.com", type: "A" },
      ['resolver: "dns.example.com" must be an IP address, not a host name (e.g. 192.0.2.53:53)'],
    ],
    [
      { resolver: "192.0.2.53:53", name: "web bridge", type: "A" },
      ['name: "web bridge" is not a valid host name (letters, digits and hyphens, dot-separated)'],
    ],
    [
      { resolver: "192.0.2.53:53", name: "webbridge.example.com", type: "MX" },
      ["type: type must be one of A, AAAA, SRV"],
    ],
    [
      { resolver: "192.0.2.53:53", name: "webbridge.example.com", type: "A", expected: ["203.0.113.5", "2001:db8::5"] },
      ['expected.1: "2001:db8::5" is not an IPv4 address (type A)'],
    ],
    [
      { resolver: "192.0.2.53:53", name: "webbridge.example.com", type: "AAAA", expected: ["203.0.113.5"] },
      ['expected.0: "203.0.113.5" is not an IPv6 address (type AAAA)'],
    ],
    [
      {
        resolver: "192.0.2.53:53",
        name: "_xmpp-client._tcp.example.com",
        type: "SRV",
        expected: ["cms1.example.local:99999"],
      },
      ['expected.0: "cms1.example.local:99999" is not an SRV target: want "host" or "host:port" (type SRV)'],
    ],
    [
      { resolver: "192.0.2.53:53", name: "webbridge.example.com", type: "A", expected: "203.0.113.5" },
      ["expected: expected must be a list of strings"],
    ],
    [
      { resolver: "192.0.2.53:53", name: "webbridge.example.com", type: "A", expected: Array(33).fill("203.0.113.5") },
      ["expected: expected holds at most 32 entries"],
    ],
    [
      {},
      [
        "resolver: must be a string host:port",
        "name: name must be a DNS name, e.g. webbridge.example.com",
        "type: type must be one of A, AAAA, SRV",
      ],
    ],
  ])("%j → %j", (body, messages) => {
    expect(issues(dnsProbeInput, body)).toEqual(messages);
  });
});

describe("tls input", () => {
  it("parses a body with and without caPem; port 443 by default", async () => {
    const ca = await createCa();
    expect(
      tlsProbeInput.parse({ target: "vcs-e1.example.com", servername: "webbridge.example.com", caPem: ca.certPem }),
    ).toMatchObject({
      target: { host: "vcs-e1.example.com", port: 443, family: null },
      servername: "webbridge.example.com",
      caPem: ca.certPem,
      timeoutMs: 5000,
    });
    expect(tlsProbeInput.parse({ target: "203.0.113.5:8443", servername: "203.0.113.5" }).caPem).toBeUndefined();
  });

  it.each([
    [
      { target: "203.0.113.5:443" },
      ["servername: servername must be the host name to check, e.g. webbridge.example.com"],
    ],
    [
      { target: "203.0.113.5:443", servername: "https://webbridge.example.com" },
      [
        'servername: servername: "https://webbridge.example.com" is not a valid host name (letters, digits and hyphens, dot-separated)',
      ],
    ],
    [
      { target: "203.0.113.5:443", servername: "webbridge.example.com", caPem: "hello" },
      ["caPem: caPem holds no -----BEGIN CERTIFICATE----- block"],
    ],
    [
      {
        target: "203.0.113.5:443",
        servername: "webbridge.example.com",
        caPem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
      },
      ["caPem: caPem certificate #1 is not a valid X.509 certificate"],
    ],
  ])("%j → %j", (body, messages) => {
    expect(issues(tlsProbeInput, body)).toEqual(messages);
  });

  it("refuses a caPem over 128 KB without parsing it", () => {
    const body = { target: "203.0.113.5:443", servername: "webbridge.example.com", caPem: "x".repeat(128 * 1024 + 1) };
    expect(issues(tlsProbeInput, body)).toEqual(["caPem: caPem must be at most 128 KB"]);
  });
});

describe("port input", () => {
  it("needs an explicit port: there is no sensible default for a reachability check", () => {
    expect(portProbeInput.parse({ target: "203.0.113.5:3478", transport: "udp" })).toEqual({
      target: { host: "203.0.113.5", port: 3478, family: 4 },
      transport: "udp",
      timeoutMs: 3000,
    });
    expect(issues(portProbeInput, { target: "203.0.113.5", transport: "udp" })).toEqual([
      'target: "203.0.113.5" needs a port: host:port, e.g. 203.0.113.5:3478',
    ]);
  });

  it.each([
    [{ target: "203.0.113.5:3478", transport: "sctp" }, ['transport: transport must be "tcp" or "udp"']],
    [
      { target: "203.0.113.5:3478", transport: "tcp", timeoutMs: 60_000 },
      ["timeoutMs: timeoutMs must be at most 30000"],
    ],
  ])("%j → %j", (body, messages) => {
    expect(issues(portProbeInput, body)).toEqual(messages);
  });
});

describe("turn input", () => {
  it("defaults to port 3478 (R6, C5)", () => {
    expect(
      turnProbeInput.parse({ server: "vcs-e1.example.com", transport: "udp", username: "cmsturn", password: "s3cret" }),
    ).toEqual({
      server: { host: "vcs-e1.example.com", port: 3478, family: null },
      transport: "udp",
      username: "cmsturn",
      password: "s3cret",
      timeoutMs: 5000,
    });
  });

  it.each([
    [{ server: "203.0.113.5:3478", transport: "udp", username: "", password: "x" }, ["username: username is required"]],
    [{ server: "203.0.113.5:3478", transport: "udp", username: "cmsturn" }, ["password: password is required"]],
    [
      { server: "203.0.113.5:3478", transport: "tls", username: "cmsturn", password: "x" },
      ['transport: transport must be "udp" or "tcp"'],
    ],
    [
      { server: "203.0.113.5:3478", transport: "udp", username: "u".repeat(513), password: "x" },
      ["username: username must be at most 512 characters"],
    ],
    [
      { server: "2001:db8::5", transport: "udp", username: "u", password: "x" },
      ["server: IPv6 addresses need brackets: [2001:db8::5]:<port>"],
    ],
  ])("%j → %j", (body, messages) => {
    expect(issues(turnProbeInput, body)).toEqual(messages);
  });
});

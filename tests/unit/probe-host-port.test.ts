import { describe, expect, it } from "vitest";

import {
  checkHostname,
  formatHostPort,
  hostPortSchema,
  parseHostPort,
  timeoutSchema,
  type HostPortOptions,
} from "@/lib/server/probes/host-port";

describe("parseHostPort accepts", () => {
  it.each([
    ["203.0.113.5:443", {}, { host: "203.0.113.5", port: 443, family: 4 }],
    ["  10.0.0.36:3478 ", {}, { host: "10.0.0.36", port: 3478, family: 4 }],
    ["[2001:db8::36]:3478", {}, { host: "2001:db8::36", port: 3478, family: 6 }],
    ["[::1]:53", { ipOnly: true }, { host: "::1", port: 53, family: 6 }],
    ["VCS-E1.Example.com:443", {}, { host: "vcs-e1.example.com", port: 443, family: null }],
    ["webbridge.example.com.:443", {}, { host: "webbridge.example.com.", port: 443, family: null }],
    ["localhost:1", {}, { host: "localhost", port: 1, family: null }],
    ["vcs-e1.example.com:65535", {}, { host: "vcs-e1.example.com", port: 65535, family: null }],
    ["192.0.2.53", { defaultPort: 53 }, { host: "192.0.2.53", port: 53, family: 4 }],
    ["[2001:db8::53]", { defaultPort: 53 }, { host: "2001:db8::53", port: 53, family: 6 }],
  ] as [string, HostPortOptions, object][])("%j (%j)", (text, options, value) => {
    expect(parseHostPort(text, options)).toEqual({ ok: true, value });
  });
});

describe("parseHostPort rejects with a message a person can act on", () => {
  it.each([
    ["", {}, "is empty: give host:port, e.g. 203.0.113.5:443"],
    ["   ", {}, "is empty: give host:port, e.g. 203.0.113.5:443"],
    ["203.0.113.5", {}, '"203.0.113.5" needs a port: host:port, e.g. 203.0.113.5:443'],
    ["vcs-e1.example.com", {}, '"vcs-e1.example.com" needs a port: host:port, e.g. 203.0.113.5:443'],
    ["203.0.113.5:0", {}, 'port "0" must be a whole number from 1 to 65535'],
    ["203.0.113.5:65536", {}, 'port "65536" must be a whole number from 1 to 65535'],
    ["203.0.113.5:", {}, 'port "" must be a whole number from 1 to 65535'],
    ["203.0.113.5:https", {}, 'port "https" must be a whole number from 1 to 65535'],
    ["203.0.113.5:-1", {}, 'port "-1" must be a whole number from 1 to 65535'],
    ["203.0.113.5:44.3", {}, 'port "44.3" must be a whole number from 1 to 65535'],
    ["999.1.1.1:53", {}, '"999.1.1.1" is not a valid IPv4 address'],
    ["10.0.0:53", {}, '"10.0.0" is not a valid IPv4 address'],
    ["2001:db8::1", {}, "IPv6 addresses need brackets: [2001:db8::1]:<port>"],
    ["2001:db8::1:443", {}, "IPv6 addresses need brackets: [2001:db8::1:443]:<port>"],
    ["[2001:db8::zz]:443", {}, '"2001:db8::zz" is not a valid IPv6 address'],
    ["[2001:db8::1]443", {}, '"[2001:db8::1]443" is not a bracketed IPv6 address with port, e.g. [2001:db8::1]:443'],
    ["[203.0.113.5]:443", {}, '"203.0.113.5" is not a valid IPv6 address'],
    ["a:b:c", {}, '"a:b:c" is not host:port'],
    ["bad_host:443", {}, '"bad_host" is not a valid host name (letters, digits and hyphens, dot-separated)'],
    [
      "-vcs.example.com:443",
      {},
      '"-vcs.example.com" is not a valid host name (letters, digits and hyphens, dot-separated)',
    ],
    [
      "vcs..example.com:443",
      {},
      '"vcs..example.com" is not a valid host name (letters, digits and hyphens, dot-separated)',
    ],
    [
      `${"a".repeat(64)}.example.com:443`,
      {},
      `"${"a".repeat(64)}.example.com" is not a valid host name (letters, digits and hyphens, dot-separated)`,
    ],
    ["vcs e1:443", {}, '"vcs e1:443" must not contain spaces'],
    [
      "https://webbridge.example.com:443",
      {},
      '"https://webbridge.example.com:443" must be host:port only, without a scheme or path (e.g. 203.0.113.5:443)',
    ],
    [
      "webbridge.example.com:443/",
      {},
      '"webbridge.example.com:443/" must be host:port only, without a scheme or path (e.g. 203.0.113.5:443)',
    ],
    [
      "dns.example.com:53",
      { ipOnly: true },
      '"dns.example.com" must be an IP address, not a host name (e.g. 192.0.2.53:53)',
    ],
    ["203.0.113.5", { example: "203.0.113.5:3478" }, '"203.0.113.5" needs a port: host:port, e.g. 203.0.113.5:3478'],
  ] as [string, HostPortOptions, string][])("%j (%j) → %s", (text, options, message) => {
    expect(parseHostPort(text, options)).toEqual({ ok: false, message });
  });
});

describe("checkHostname", () => {
  it("allows the leading underscore of SRV owner names only when asked (T3/T4)", () => {
    expect(checkHostname("_xmpp-client._tcp.example.com", { allowUnderscore: true })).toBeUndefined();
    expect(checkHostname("_xmpp-client._tcp.example.com")).toMatch(/is not a valid host name/);
  });

  it("refuses names over 253 characters", () => {
    const long = Array.from({ length: 5 }, () => "a".repeat(60)).join(".");
    expect(long.length).toBeGreaterThan(253);
    expect(checkHostname(long)).toMatch(/is not a valid host name/);
  });
});

describe("formatHostPort", () => {
  it.each([
    [{ host: "203.0.113.5", port: 3478 }, "203.0.113.5:3478"],
    [{ host: "2001:db8::5", port: 3478 }, "[2001:db8::5]:3478"],
    [{ host: "webbridge.example.com", port: 443 }, "webbridge.example.com:443"],
  ])("%j → %s", (value, text) => {
    expect(formatHostPort(value)).toBe(text);
  });

  it("round-trips through parseHostPort", () => {
    for (const text of ["203.0.113.5:3478", "[2001:db8::5]:53", "vcs-e1.example.com:443"]) {
      const parsed = parseHostPort(text);
      expect(parsed.ok && formatHostPort(parsed.value)).toBe(text);
    }
  });
});

describe("zod schemas", () => {
  it("hostPortSchema transforms to HostPort and reports parse messages as issues", () => {
    const schema = hostPortSchema();
    expect(schema.parse("10.0.0.36:3478")).toEqual({ host: "10.0.0.36", port: 3478, family: 4 });
    const bad = schema.safeParse("10.0.0.36");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      '"10.0.0.36" needs a port: host:port, e.g. 203.0.113.5:443',
    ]);
    expect(schema.safeParse(3478).error?.issues[0]?.message).toBe("must be a string host:port");
  });

  it.each([
    [undefined, { success: true, data: 1500 }],
    [100, { success: true, data: 100 }],
    [30_000, { success: true, data: 30_000 }],
    [99, { success: false, message: "timeoutMs must be at least 100" }],
    [30_001, { success: false, message: "timeoutMs must be at most 30000" }],
    [1.5e3 + 0.5, { success: false, message: "timeoutMs must be a whole number of milliseconds" }],
    ["1000", { success: false, message: "timeoutMs must be a number of milliseconds" }],
  ])("timeoutSchema(1500) on %j", (value, want) => {
    const result = timeoutSchema(1500).safeParse(value);
    expect(result.success).toBe(want.success);
    if ("data" in want) expect(result.data).toBe(want.data);
    if ("message" in want) expect(result.error?.issues[0]?.message).toBe(want.message);
  });
});

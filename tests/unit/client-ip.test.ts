import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { resolveClientIp } from "@/lib/server/auth/client-ip";
import { parseIpList } from "@/lib/server/net/ip-list";

const none = parseIpList(undefined);
const proxies = parseIpList("10.0.0.0/8, 192.0.2.10, ::1");

describe("the client address", () => {
  it.each([
    // [peer, X-Forwarded-For, trusted, client]
    ["198.51.100.7", "203.0.113.66", none, "198.51.100.7"], // no trusted proxies: a forged header changes nothing
    ["::ffff:198.51.100.7", null, none, "198.51.100.7"],
    ["10.1.2.3", "203.0.113.66", none, "10.1.2.3"], // even a private peer is not believed unless configured
    ["10.1.2.3", "203.0.113.66", proxies, "203.0.113.66"], // one trusted proxy in front
    ["10.1.2.3", "198.51.100.1, 203.0.113.66", proxies, "203.0.113.66"], // the client prepended a forged entry
    ["10.1.2.3", "203.0.113.66, 192.0.2.10", proxies, "203.0.113.66"], // two trusted hops
    ["198.51.100.7", "203.0.113.66", proxies, "198.51.100.7"], // the peer is no proxy: its header is ignored
    ["10.1.2.3", "", proxies, "10.1.2.3"], // a trusted proxy without a header is itself the client
    ["10.1.2.3", "not-an-address", proxies, "10.1.2.3"],
    ["::1", "2001:db8::5", proxies, "2001:db8::5"],
    [null, "203.0.113.66", proxies, null],
  ] as const)("peer %s, X-Forwarded-For %s → %s", (peer, xff, trusted, client) => {
    expect(resolveClientIp(peer, xff, trusted)).toBe(client);
  });
});

describe("EDGESCOPE_TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR ranges, and nothing else, naming the variable", () => {
    expect(
      parseEnv({ EDGESCOPE_TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.10,2001:db8::/32" }).EDGESCOPE_TRUSTED_PROXIES,
    ).toBeDefined();
    expect(parseEnv({}).EDGESCOPE_TRUSTED_PROXIES).toBeUndefined();
    for (const bad of ["proxy.example.com", "10.0.0.0/33", "10.0.0.0/8/1", "192.0.2.300", "*"]) {
      expect(() => parseEnv({ EDGESCOPE_TRUSTED_PROXIES: bad }), bad).toThrow(
        /EDGESCOPE_TRUSTED_PROXIES: .* is not an IP address|EDGESCOPE_TRUSTED_PROXIES: .*prefix length/,
      );
    }
  });
});

describe("EDGESCOPE_SECRET_KEY", () => {
  it("refuses a key that is not 32 bytes of hex or base64, naming the variable", () => {
    for (const bad of [
      "short",
      "ab".repeat(31),
      "z".repeat(64),
      "not a key at all, not base64 at all, no!!",
      `${"ab".repeat(32)}00`,
    ]) {
      expect(() => parseEnv({ EDGESCOPE_SECRET_KEY: bad }), bad).toThrow(/EDGESCOPE_SECRET_KEY: must be 32 bytes/);
    }
    expect(parseEnv({ EDGESCOPE_SECRET_KEY: "ab".repeat(32) }).EDGESCOPE_SECRET_KEY).toBeDefined();
    expect(
      parseEnv({ EDGESCOPE_SECRET_KEY: Buffer.alloc(32, 7).toString("base64") }).EDGESCOPE_SECRET_KEY,
    ).toBeDefined();
  });
});

describe("EDGESCOPE_ADMIN_PASSWORD", () => {
  it("follows the password rules, naming the variable", () => {
    for (const bad of ["password1234", "admin", "aaaaaaaaaaaa", "Admin2026!!!"]) {
      expect(() => parseEnv({ EDGESCOPE_ADMIN_PASSWORD: bad }), bad).toThrow(/EDGESCOPE_ADMIN_PASSWORD: /);
    }
    expect(parseEnv({ EDGESCOPE_ADMIN_PASSWORD: "a-much-better-passphrase" }).EDGESCOPE_ADMIN_PASSWORD).toBe(
      "a-much-better-passphrase",
    );
  });
});

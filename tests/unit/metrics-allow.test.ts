import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { addressLabel } from "@/lib/server/metrics/metric-values";
import { isAllowed, parseAllowList } from "@/lib/server/metrics/scrape-allow";

describe("EDGESCOPE_METRICS_ALLOW", () => {
  it.each([
    ["192.0.2.10", "192.0.2.10", true],
    ["192.0.2.10", "192.0.2.11", false],
    ["198.51.100.0/24", "198.51.100.200", true],
    ["198.51.100.0/24", "198.51.101.1", false],
    ["198.51.100.0/24", "::ffff:198.51.100.7", true],
    ["2001:db8::/32", "2001:db8:1::5", true],
    ["2001:db8::/32", "2001:db9::5", false],
    ["203.0.113.5", null, false],
    ["203.0.113.5", "not-an-ip", false],
    ["", "127.0.0.1", false],
  ])("%s allows %s: %s", (list, ip, expected) => {
    expect(isAllowed(parseAllowList(list), ip)).toBe(expected);
  });

  it.each(["example.com", "192.0.2.0/33", "192.0.2.0/24/1", "2001:db8::/129", "192.0.2.0/x"])(
    "refuses %s at start, naming the variable",
    (bad) => {
      expect(() => parseEnv({ EDGESCOPE_METRICS_ALLOW: bad })).toThrow(
        /EDGESCOPE_METRICS_ALLOW: .*IP addresses or CIDR blocks/,
      );
    },
  );

  it("defaults to no list (a token is always needed)", () => {
    expect(parseEnv({}).EDGESCOPE_METRICS_ALLOW).toBe("");
  });
});

describe("labels from node data", () => {
  it.each([
    ["10.0.0.36", "10.0.0.36"],
    ["2001:db8::1", "2001:db8::1"],
    ["vcs-e1.example.local", "vcs-e1.example.local"],
    ['x"} 1\nevil_metric 1', "invalid"],
    ["a".repeat(65), "invalid"],
    ["", "invalid"],
  ])("%j becomes %j", (value, label) => {
    expect(addressLabel(value)).toBe(label);
  });
});

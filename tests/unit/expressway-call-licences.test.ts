import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { licenceVerdict } from "@/lib/domain/capacity";
import { CALLS_USAGE, LICENSED } from "@/lib/domain/sources/expressway-call-licences";
import { parseCallsUsage, parseLicensed } from "@/lib/server/collectors/expressway-call-licences";
import { CHECKS, runCheck } from "@/lib/server/checks";
import { ctxWith } from "../support/check-context";
import { labGetxml, labState, NS } from "../support/lab-render";

// Expressway call licence usage: the parsers on the public X8.11.3 sample's shapes (element names
// [C], meaning of the licensed counts [I], so absent or empty counts must read as "not exposed"),
// and the capacity-call-licences verdicts. The lab drives the check in headroom-checks-lab.test.ts.

const publicSample = fs.readFileSync("tests/fixtures/expressway/status-x8.11.3.xml", "utf8");

describe("parseCallsUsage (/Status/ResourceUsage/Calls [C])", () => {
  it("reads Current and Max per kind from the public X8.11.3 sample", () => {
    expect(parseCallsUsage(publicSample)).toEqual({
      ok: true,
      value: { traversal: { current: 0, peak: 0 }, nonTraversal: { current: 0, peak: 0 } },
    });
  });
  it("reads null for a kind this version does not list, and the lab's counts", () => {
    const r = parseCallsUsage(
      `<Status ${NS}><ResourceUsage><Calls><Traversal><Current>3</Current></Traversal></Calls></ResourceUsage></Status>`,
    );
    expect(r).toEqual({
      ok: true,
      value: { traversal: { current: 3, peak: null }, nonTraversal: { current: null, peak: null } },
    });
    const lab = parseCallsUsage(labGetxml(labState([["call-licences-full", "vcs-c"]]), "vcs-c", CALLS_USAGE.location));
    expect(lab.ok && lab.value.traversal).toEqual({ current: 50, peak: 50 });
  });
  it("fails with the path for a count that is not a number", () => {
    const r = parseCallsUsage(
      `<Status ${NS}><ResourceUsage><Calls><Traversal><Current>many</Current></Traversal></Calls></ResourceUsage></Status>`,
    );
    expect(!r.ok && r.failure).toMatchObject({ kind: "parse", path: "/Status/ResourceUsage/Calls/Traversal" });
  });
});

describe("parseLicensed (/Status/SystemUnit/Software/Configuration, names [C], meaning [I])", () => {
  it("reads TraversalCalls and NonTraversalCalls from the public X8.11.3 sample", () => {
    expect(parseLicensed(publicSample)).toEqual({ ok: true, value: { traversal: 1, nonTraversal: 1 } });
  });
  it("reads an empty or missing count as null (not exposed), never as 0 or a failure", () => {
    const r = parseLicensed(
      `<Status ${NS}><SystemUnit><Software><Configuration><TraversalCalls/></Configuration></Software></SystemUnit></Status>`,
    );
    expect(r).toEqual({ ok: true, value: { traversal: null, nonTraversal: null } });
  });
  it("reads the lab's licensed counts through getxml of the sub-path", () => {
    expect(parseLicensed(labGetxml(labState(), "vcs-e1", LICENSED.location))).toEqual({
      ok: true,
      value: { traversal: 50, nonTraversal: 100 },
    });
  });
});

describe("licenceVerdict", () => {
  it("warns from 80 %, fails at the licensed count, and cannot compare without a count", () => {
    expect([39, 40, 49, 50, 51].map((n) => licenceVerdict(n, 50))).toEqual(["pass", "warn", "warn", "fail", "fail"]);
    expect(licenceVerdict(3, null)).toBe("none");
    expect(licenceVerdict(3, 0)).toBe("none");
  });
});

describe("capacity-call-licences", () => {
  const check = CHECKS.find((c) => c.id === "capacity-call-licences")!;
  const usage = (traversal: object, nonTraversal: object = { current: 1, peak: 3, licensed: 100 }) => ({
    data: { "e2 expressway.call-licences": { since: "", lastSeenAt: "", content: { traversal, nonTraversal } } },
  });
  it("passes a healthy deployment and shows every node's counts", () => {
    const r = runCheck(check, ctxWith());
    expect(r.status).toBe("pass");
    expect(r.evidence.map((e) => e.value)).toContain("2 of 50 licensed (4 %)");
  });
  it("warns at 40 of 50 traversal calls and fails at 50 of 50, naming the node", () => {
    expect(runCheck(check, ctxWith(usage({ current: 40, peak: 40, licensed: 50 }))).status).toBe("warn");
    const r = runCheck(check, ctxWith(usage({ current: 50, peak: 50, licensed: 50 })));
    expect(r.status).toBe("fail");
    expect(r.summary).toBe("vcs-e2.example.local: 50 of 50 licensed traversal calls in use.");
    expect(r.fix.join(" ")).toMatch(/Resource usage/);
  });
  it("says 'not exposed by this version' for an absent or 0 licensed count and does not fail", () => {
    const r = runCheck(
      check,
      ctxWith(usage({ current: 7, peak: 9, licensed: null }, { current: 3, peak: 3, licensed: 0 })),
    );
    expect(r.status).toBe("pass");
    expect(r.evidence.filter((e) => e.source.startsWith("vcs-e2")).map((e) => e.value)).toEqual([
      "7 in use; licensed count not exposed by this version",
      "3 in use; licensed count not exposed by this version",
    ]);
  });
});

import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseWarnings } from "@/lib/server/collectors/expressway-alarms";
import { parseRootVersion, parseSystemUnit } from "@/lib/server/collectors/expressway-system";
import { SYSTEM_UNIT } from "@/lib/domain/sources/expressway-system";
import { WARNINGS } from "@/lib/domain/sources/expressway-alarms";
import { isXPathError } from "@/lib/server/parsing/cuil";
import { labGetxml, labState, NS } from "../support/lab-render";

const publicSample = fs.readFileSync("tests/fixtures/expressway/status-x8.11.3.xml", "utf8");

describe("parseWarnings (Expressway alarms, /Status/Warnings [C])", () => {
  it("reads the public X8.11.3 sample", () => {
    expect(parseWarnings(publicSample)).toEqual({
      ok: true,
      value: {
        alarms: [
          {
            id: "56571d3a-66de-11e1-9891-534a0e304347",
            reason: "NTP server not available - The system is unable to contact an NTP server",
            state: "Unacknowledged",
          },
        ],
      },
    });
  });

  it("reads no alarms from a healthy lab node, two with the expressway-alarms fault", () => {
    expect(parseWarnings(labGetxml(labState(), "vcs-e1", WARNINGS.location))).toEqual({
      ok: true,
      value: { alarms: [] },
    });
    const r = parseWarnings(labGetxml(labState([["expressway-alarms", "vcs-e1"]]), "vcs-e1", WARNINGS.location));
    expect(r.ok && r.value.alarms.map((a) => a.state).sort()).toEqual(["Acknowledged", "Unacknowledged"]);
  });

  it("fails with the path for a warning without a Reason", () => {
    const r = parseWarnings(`<Status ${NS}><Warnings><Warning item="3"><ID>x</ID></Warning></Warnings></Status>`);
    expect(!r.ok && r.failure).toMatchObject({ kind: "parse", path: "/Status/Warnings/Warning/Reason" });
  });
});

describe("parseSystemUnit (version R1, uptime)", () => {
  it("reads the public X8.11.3 sample", () => {
    expect(parseSystemUnit(publicSample)).toEqual({
      ok: true,
      value: {
        product: "TANDBERG VCS",
        version: "X8.11.3",
        build: "oak_v8.11.3_rc_3",
        releaseDate: "2018-10-02",
        uptimeSeconds: 2492,
        versionFrom: "SystemUnit",
      },
    });
  });

  it("reads the lab's getxml answer", () => {
    const r = parseSystemUnit(labGetxml(labState(), "vcs-c", SYSTEM_UNIT.location));
    expect(r.ok && r.value).toMatchObject({ version: "X15.2.1", versionFrom: "SystemUnit" });
  });

  it("falls back to the root version attribute when Software/Version is missing", () => {
    const r = parseSystemUnit(
      `<Status ${NS} product="TANDBERG VCS" version="X14.3.2"><SystemUnit><Uptime>5</Uptime></SystemUnit></Status>`,
    );
    expect(r.ok && r.value).toMatchObject({
      version: "X14.3.2",
      versionFrom: "root",
      uptimeSeconds: 5,
      product: "TANDBERG VCS",
    });
  });

  it("fails with the path when neither the element nor the attribute has a version", () => {
    const r = parseSystemUnit(`<Status ${NS}><SystemUnit><Uptime>5</Uptime></SystemUnit></Status>`);
    expect(!r.ok && r.failure).toMatchObject({ kind: "parse", path: "/Status/SystemUnit/Software/Version" });
  });

  it("fails with the path on a non-numeric uptime", () => {
    const r = parseSystemUnit(`<Status ${NS} version="X15"><SystemUnit><Uptime>long</Uptime></SystemUnit></Status>`);
    expect(!r.ok && r.failure).toMatchObject({ kind: "parse", path: "/Status/SystemUnit/Uptime" });
  });

  it("recognises an XPathError answer, and reads the version from the full status.xml root", () => {
    expect(isXPathError(`<?xml version="1.0"?>\n<XPathError><Reason>No match</Reason></XPathError>`)).toBe(true);
    // The documented form (TANDBERG/Cisco XML API guides): a <Fault> holding the <XPathError>.
    expect(
      isXPathError(
        `<?xml version="1.0"?>\n<Fault><XPathError><Reason>No match</Reason><XPath>/Status/SystemUnit</XPath></XPathError></Fault>`,
      ),
    ).toBe(true);
    expect(isXPathError(publicSample)).toBe(false);
    expect(parseRootVersion(publicSample)).toEqual({
      ok: true,
      value: { product: "TANDBERG VCS", version: "X8.11.3", build: null, releaseDate: null, versionFrom: "root" },
    });
    expect(parseRootVersion(`<Status/>`)).toMatchObject({
      ok: false,
      failure: { kind: "parse", path: "/Status/@version" },
    });
  });
});

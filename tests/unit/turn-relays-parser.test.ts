import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTurnStatus, parseTurnUsage } from "@/lib/server/collectors/expressway-e-turn-relays";
import { renderGetxml } from "@/lib/server/lab/cuil-xml";
import { expresswayEStatus } from "@/lib/server/lab/sources/expressway-e";
import { LabState } from "@/lib/server/lab/lab-state";
import { LAB_NODES } from "@/lib/server/lab/topology";

const publicSample = fs.readFileSync("tests/fixtures/expressway/status-x8.11.3.xml", "utf8");
const ns = 'xmlns="http://www.tandberg.no/XML/CUIL/1.0"';
const usageXml = (relays: string, extra = "") =>
  `<Status ${ns}><ResourceUsage item="1"><TURN item="1">${relays}${extra}</TURN></ResourceUsage></Status>`;
const relays = (c: string, m: string, t: string) =>
  `<Relays item="1"><Current item="1">${c}</Current><Max item="1">${m}</Max><Total item="1">${t}</Total></Relays>`;

describe("parseTurnUsage", () => {
  it("reads the public X8.11.3 status.xml sample (whole tree)", () => {
    const r = parseTurnUsage(publicSample);
    expect(r).toEqual({
      ok: true,
      value: { current: 0, peak: 0, total: 0, ports: [{ port: 3478, count: 0, udp: 0, tcp: 0 }], protocolMode: "Both" },
    });
  });

  it("reads what the lab serves for getxml", () => {
    const state = new LabState(() => new Date("2026-11-24T10:30:00Z"));
    const xml = renderGetxml(expresswayEStatus(state, LAB_NODES[1]!), "/Status/ResourceUsage/TURN", {
      name: "TANDBERG VCS",
      version: "X15.2.1",
    });
    const r = parseTurnUsage(xml);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.current).toBe(state.relays.get("vcs-e1")!.current);
      expect(r.value.current).toBeGreaterThan(10); // a Tuesday mid-morning is busy
    }
  });

  it.each([
    [
      "a namespace prefix",
      `<c:Status xmlns:c="http://www.tandberg.no/XML/CUIL/1.0"><c:ResourceUsage><c:TURN>${relays("5", "9", "40").replace(/<(\/?)/g, "<$1c:")}</c:TURN></c:ResourceUsage></c:Status>`,
      5,
    ],
    ["unknown sibling elements", usageXml(relays("7", "8", "9"), `<WebrtcSessions item="1">3</WebrtcSessions>`), 7],
    ["no port list and no protocol mode", usageXml(relays("1", "2", "3")), 1],
  ])("tolerates %s", (_name, xml, current) => {
    const r = parseTurnUsage(xml);
    expect(r.ok && r.value.current).toBe(current);
  });

  it.each([
    ["malformed XML", `<Status ${ns}><ResourceUsage><TURN><Relays>`, /malformed XML at line 1/, undefined],
    [
      "a missing Current",
      usageXml(`<Relays><Max>1</Max><Total>2</Total></Relays>`),
      /Relays\/Current: missing/,
      "/Status/ResourceUsage/TURN/Relays/Current",
    ],
    [
      "a negative count",
      usageXml(relays("-3", "1", "2")),
      /Relays\/Current: unexpected value "-3"/,
      "/Status/ResourceUsage/TURN/Relays/Current",
    ],
    [
      "a word instead of a number",
      usageXml(relays("1", "lots", "2")),
      /Relays\/Max: unexpected value "lots"/,
      "/Status/ResourceUsage/TURN/Relays/Max",
    ],
    [
      "no TURN subtree",
      `<Status ${ns}><ResourceUsage/></Status>`,
      /\/Status\/ResourceUsage\/TURN is missing/,
      "/Status/ResourceUsage/TURN",
    ],
    [
      "an XPathError answer",
      `<XPathError><Reason>No match</Reason></XPathError>`,
      /Expressway rejected \/Status\/ResourceUsage\/TURN: No match/,
      "/Status/ResourceUsage/TURN",
    ],
    [
      "HTML instead of XML",
      `<html><body>Login</body></html>`,
      /expected <Status> as the root element, got <html>/,
      "/html",
    ],
  ])("gives a typed parse failure for %s", (_name, xml, message, path) => {
    const r = parseTurnUsage(xml);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.failure.kind).toBe("parse");
      expect(r.failure.message).toMatch(message);
      expect(r.failure.path).toBe(path);
    }
  });
});

describe("parseTurnStatus", () => {
  it("reads Inactive from the public sample", () => {
    expect(parseTurnStatus(publicSample)).toEqual({ ok: true, value: { serverStatus: "Inactive" } });
  });

  it("reports a missing Server/Status with its path", () => {
    const r = parseTurnStatus(`<Status ${ns}><TURN><Server/></TURN></Status>`);
    expect(!r.ok && r.failure.path).toBe("/Status/TURN/Server/Status");
  });
});

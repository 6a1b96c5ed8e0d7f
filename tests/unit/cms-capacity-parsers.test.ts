import { describe, expect, it } from "vitest";
import { parseDatabase } from "@/lib/server/collectors/cms-database";
import { parseLicensing } from "@/lib/server/collectors/cms-licensing";
import { loadBand, parseClusterConfig, parseLoad } from "@/lib/server/collectors/cms-load";

// The capacity and licence parsers on Cisco's own example bodies (ciscocms/apiary, apiary.apib),
// and on the shapes the blueprint only describes in tables (read tolerantly).

describe("system/load and the cluster configuration", () => {
  it("reads Cisco's example bodies", () => {
    expect(
      parseLoad(`<?xml version="1.0"?>\n<load>\n  <mediaProcessingLoad>25</mediaProcessingLoad>\n</load>`),
    ).toEqual({ ok: true, value: { mediaProcessingLoad: 25 } });
    // Cisco's example leaves loadLimit empty: not supplied, so nothing to compare with.
    const cfg = `<?xml version="1.0"?><cluster><uniqueName/><maxPeerVideoStreams/><participantLimit/><loadLimit/><newConferenceLoadLimitBasisPoints>5000</newConferenceLoadLimitBasisPoints><existingConferenceLoadLimitBasisPoints>8000</existingConferenceLoadLimitBasisPoints></cluster>`;
    expect(parseClusterConfig(cfg)).toEqual({
      ok: true,
      value: { loadLimit: null, newConferenceBasisPoints: 5000, existingConferenceBasisPoints: 8000 },
    });
  });
  it("fails clearly on another root or a non-number", () => {
    const r = parseLoad("<status><mediaProcessingLoad>1</mediaProcessingLoad></status>");
    expect(r.ok || r.failure.message).toMatch(/expected <load>/);
    const n = parseLoad("<load><mediaProcessingLoad>high</mediaProcessingLoad></load>");
    expect(n.ok || n.failure.message).toMatch(/\/load\/mediaProcessingLoad: unexpected value "high"/);
  });
  it("bands the load by 5 % of the limit (10 units without one)", () => {
    expect([loadBand(799, 1000), loadBand(800, 1000), loadBand(27, null)]).toEqual([750, 800, 20]);
  });
});

describe("system/licensing and clusterLicensing", () => {
  it("reads every feature of Cisco's example with its status and expiry", () => {
    const xml = `<?xml version="1.0"?><licensing><features><callBridge><status>activated</status><expiry>2022-Aug-08</expiry></callBridge><callBridgeNoEncryption><status>noLicense</status></callBridgeNoEncryption><branding><status>activated</status><expiry>2022-Aug-08</expiry><level>multipleBrands</level></branding><recording><status>activated</status><expiry>2022-Aug-08</expiry><limit>20</limit></recording></features></licensing>`;
    expect(parseLicensing(xml)).toEqual({
      ok: true,
      value: [
        { name: "branding", status: "activated", expiry: "2022-08-08" },
        { name: "callBridge", status: "activated", expiry: "2022-08-08" },
        { name: "callBridgeNoEncryption", status: "noLicense", expiry: null },
        { name: "recording", status: "activated", expiry: "2022-08-08" },
      ],
    });
  });
  it("finds <features> under whatever root clusterLicensing uses, and keeps an unreadable expiry as text", () => {
    expect(
      parseLicensing(
        `<clusterLicensing><features><callBridge><status>expired</status><expiry>soon</expiry></callBridge></features></clusterLicensing>`,
      ),
    ).toEqual({ ok: true, value: [{ name: "callBridge", status: "expired", expiry: "soon" }] });
  });
});

describe("system/database", () => {
  it("reads Cisco's unclustered example", () => {
    expect(parseDatabase(`<?xml version="1.0"?>\n<database clustered="disabled"/>`)).toEqual({
      ok: true,
      value: { clustered: false, totalNodes: null, nodeInUse: null, error: null, nodes: [] },
    });
  });
  it("reads a cluster with node attributes (as the table says) or child elements", () => {
    const attrs = `<database clustered="enabled"><cluster><totalNodes>2</totalNodes><nodeInUse>db1</nodeInUse><node hostname="db2" up="false" syncBehind="-1" master="false"/><node hostname="db1" up="true" syncBehind="0" master="true"/></cluster></database>`;
    const r = parseDatabase(attrs);
    expect(r).toEqual({
      ok: true,
      value: {
        clustered: true,
        totalNodes: 2,
        nodeInUse: "db1",
        error: null,
        nodes: [
          { hostname: "db1", up: true, syncBehind: 0, master: true },
          { hostname: "db2", up: false, syncBehind: -1, master: false },
        ],
      },
    });
    const children = `<database clustered="enabled"><cluster><nodes><node><hostname>db1</hostname><up>true</up><syncBehind>0</syncBehind><master>true</master></node></nodes></cluster></database>`;
    expect(parseDatabase(children).ok && parseDatabase(children)).toMatchObject({
      value: { nodes: [{ hostname: "db1", up: true, syncBehind: 0, master: true }] },
    });
  });
  it("rejects a clustered value it does not know", () => {
    const r = parseDatabase(`<database clustered="maybe"/>`);
    expect(r.ok || r.failure.message).toMatch(/clustered is "maybe"/);
  });
});

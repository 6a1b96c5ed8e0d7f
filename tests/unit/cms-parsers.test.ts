import { describe, expect, it } from "vitest";
import { alarmMeaning, WEB_BRIDGE_STATUSES } from "@/lib/domain/cms-alarms";
import { readAlarms } from "@/lib/server/collectors/cms-alarms";
import { parseCallBridge } from "@/lib/server/collectors/cms-call-bridges";
import { parseCmsSystemStatus } from "@/lib/server/collectors/cms-system";
import { parseWebBridge, parseWebBridgeStatus } from "@/lib/server/collectors/cms-web-bridges";
import { COLLECTIONS } from "@/lib/domain/sources/cms-api";
import { turnServerId } from "@/lib/server/lab/sources/cms-objects";
import { failureDetailOf, parseCmsCollection } from "@/lib/server/parsing/cms-xml";
import { parseTurnServerDetail, parseTurnServerStatus } from "@/lib/server/parsing/cms-turn-servers";
import { labCms, labState } from "../support/lab-render";

// Public shapes from api-formats.md §4c (TAC 212298 trace, CMS API reference) and the lab's answers.

describe("CMS collections", () => {
  it("reads the public callBridges list (TAC 212298)", () => {
    const r = parseCmsCollection(
      `<callBridges total="2"><callBridge id="0e3758db-b9b8-49df-a74c-55fa05e3e21d"><name>CallBridge-Core1</name></callBridge><callBridge id="b"><name>Core2</name></callBridge></callBridges>`,
      COLLECTIONS.callBridges,
    );
    expect(r.ok && { total: r.value.total, ids: r.value.items.map((i) => i.id) }).toEqual({
      total: 2,
      ids: ["0e3758db-b9b8-49df-a74c-55fa05e3e21d", "b"],
    });
  });

  it("reads one page of the lab's turnServers with the full total", () => {
    const r = parseCmsCollection(
      labCms(labState([], 1), "/api/v1/turnServers?offset=1&limit=20"),
      COLLECTIONS.turnServers,
    );
    expect(r.ok && { total: r.value.total, ids: r.value.items.map((i) => i.id) }).toEqual({
      total: 2,
      ids: [turnServerId("vcs-e2")],
    });
  });

  it.each([
    [
      "a wrong root element",
      `<coSpaces total="0"/>`,
      /expected <turnServers> as the root element, got <coSpaces>/,
      "/coSpaces",
    ],
    [
      "an item without an id",
      `<turnServers total="1"><turnServer><serverAddress>x</serverAddress></turnServer></turnServers>`,
      /turnServer\/@id: missing/,
      "/turnServers/turnServer/@id",
    ],
    [
      "a total that is not a number",
      `<turnServers total="many"/>`,
      /@total: unexpected value "many"/,
      "/turnServers/@total",
    ],
  ])("fails typed for %s", (_n, xml, message, path) => {
    const r = parseCmsCollection(xml, COLLECTIONS.turnServers);
    expect(!r.ok && r.failure).toMatchObject({ kind: "parse", message: expect.stringMatching(message), path });
  });

  it("finds the reason inside <failureDetails>", () => {
    expect(failureDetailOf(`<?xml version="1.0"?><failureDetails><turnServerDoesNotExist /></failureDetails>`)).toBe(
      "turnServerDoesNotExist",
    );
    expect(failureDetailOf("Not Found")).toBeUndefined();
  });
});

describe("system/status and alarms", () => {
  it("reads the public TAC 212298 status", () => {
    const xml = `<status><softwareVersion>2.0(RC)</softwareVersion><uptimeSeconds>333717</uptimeSeconds><cdrTime>2016-07-26T14:08:19Z</cdrTime><activated>true</activated><clusterEnabled>true</clusterEnabled><callLegsActive>0</callLegsActive><callLegsMaxActive>3</callLegsMaxActive></status>`;
    expect(parseCmsSystemStatus(xml)).toEqual({
      ok: true,
      value: {
        softwareVersion: "2.0(RC)",
        activated: true,
        clusterEnabled: true,
        uptimeSeconds: 333717,
        callLegsActive: 0,
      },
    });
  });

  it("reads the lab's status, and 2.9.1 with version-mismatch", () => {
    expect(parseCmsSystemStatus(labCms(labState(), "/api/v1/system/status"))).toMatchObject({
      ok: true,
      value: { softwareVersion: "3.9.2", activated: true },
    });
    expect(parseCmsSystemStatus(labCms(labState([["version-mismatch", null]]), "/api/v1/system/status"))).toMatchObject(
      { ok: true, value: { softwareVersion: "2.9.1" } },
    );
  });

  it.each([
    [
      "activated is not a boolean word",
      `<status><softwareVersion>3.9</softwareVersion><activated>yes</activated></status>`,
      "/status/activated",
    ],
    ["the version is missing", `<status><activated>true</activated></status>`, "/status/softwareVersion"],
  ])("fails with the path when %s", (_n, xml, path) => {
    expect(parseCmsSystemStatus(xml)).toMatchObject({ ok: false, failure: { kind: "parse", path } });
  });

  it("reads alarms with their parameters and failureReason, and drops activeTimeSeconds (it grows every poll)", () => {
    const xml =
      `<alarms total="2"><alarm id="a1"><type>turnServerUnavailable</type><activeTimeSeconds>86</activeTimeSeconds><turnServer>7f0c2b1e-0000-4000-a000-000000000001</turnServer><extra/></alarm>` +
      `<alarm id="a2"><type>c2wConnectionFailure</type><activeTimeSeconds>5</activeTimeSeconds><failureReason>connection refused</failureReason></alarm></alarms>`;
    const page = parseCmsCollection(xml, COLLECTIONS.alarms);
    expect(page.ok && readAlarms(page.value.items)).toEqual({
      ok: true,
      value: {
        alarms: [
          {
            id: "a1",
            type: "turnServerUnavailable",
            failureReason: null,
            parameters: { turnServer: "7f0c2b1e-0000-4000-a000-000000000001" },
          },
          { id: "a2", type: "c2wConnectionFailure", failureReason: "connection refused", parameters: {} },
        ],
      },
    });
  });

  it("reads the lab's alarms in Cisco's documented types, turnServerUnavailable naming its turnServer", () => {
    const page = parseCmsCollection(
      labCms(
        labState([
          ["turn-inactive", "vcs-e2"],
          ["cms-alarms", null],
        ]),
        "/api/v1/system/alarms?limit=10",
      ),
      COLLECTIONS.alarms,
    );
    const r = page.ok ? readAlarms(page.value.items) : page;
    expect(r.ok && r.value.alarms.map((a) => a.type).sort()).toEqual([
      "c2wConnectionFailure",
      "callBridgeConnectionFailure",
      "turnServerUnavailable",
    ]);
    expect(r.ok && r.value.alarms.find((a) => a.type === "turnServerUnavailable")!.parameters).toEqual({
      turnServer: turnServerId("vcs-e2"),
    });
    for (const a of r.ok ? r.value.alarms : []) expect(alarmMeaning(a.type).documented, a.type).toBe(true);
  });

  it("fails with the path for an alarm without a type", () => {
    const page = parseCmsCollection(
      `<alarms total="1"><alarm id="a1"><activeTimeSeconds>1</activeTimeSeconds></alarm></alarms>`,
      COLLECTIONS.alarms,
    );
    expect(page.ok && readAlarms(page.value.items)).toMatchObject({
      ok: false,
      failure: { path: "/alarms/alarm/type" },
    });
  });
});

describe("turnServers detail and status (C5, V4)", () => {
  it("reads the synthesised public detail (api-formats §4c)", () => {
    const xml = `<turnServer id="t1"><serverAddress>10.0.0.20</serverAddress><clientAddress>203.0.113.20</clientAddress><username>expturncreds</username><type>expressway</type><tcpPortNumberOverride>3478</tcpPortNumberOverride></turnServer>`;
    expect(parseTurnServerDetail(xml)).toEqual({
      ok: true,
      value: {
        serverAddress: "10.0.0.20",
        clientAddress: "203.0.113.20",
        username: "expturncreds",
        type: "expressway",
        tcpPortNumberOverride: 3478,
        numRegistrations: undefined,
      },
    });
  });

  it("reads the lab's detail for vcs-e1: private serverAddress, public clientAddress, type expressway", () => {
    const r = parseTurnServerDetail(labCms(labState(), `/api/v1/turnServers/${turnServerId("vcs-e1")}`));
    expect(r.ok && r.value).toMatchObject({
      serverAddress: "10.0.0.36",
      clientAddress: "203.0.113.5",
      type: "expressway",
      tcpPortNumberOverride: 3478,
      username: "cmsturn",
    });
  });

  it("reads an empty tcpPortNumberOverride as absent", () => {
    expect(parseTurnServerDetail(`<turnServer id="t"><tcpPortNumberOverride/></turnServer>`)).toMatchObject({
      ok: true,
      value: { tcpPortNumberOverride: undefined },
    });
  });

  // Cisco's CMS API blueprint (ciscocms/apiary, turnServer status table): every host element name.
  const ciscoHost = `<host><address>10.0.0.20</address><portNumber>3478</portNumber><reachable>true</reachable><roundTripTimeMs>3.5</roundTripTimeMs><mappedAddress>10.0.0.5</mappedAddress><mappedPortNumber>50123</mappedPortNumber><numAllocations>2</numAllocations></host>`;

  it("reads host status in Cisco's documented names under any root, and says it matched roundTripTimeMs", () => {
    const expected = {
      hosts: [
        {
          address: "10.0.0.20",
          portNumber: 3478,
          reachable: true,
          rttMs: 3.5,
          mappedAddress: "10.0.0.5",
          mappedPortNumber: 50123,
          allocations: 2,
        },
      ],
      rttElement: "roundTripTimeMs",
    };
    expect(parseTurnServerStatus(`<turnServer id="x">${ciscoHost}</turnServer>`)).toEqual({
      ok: true,
      value: expected,
    });
    expect(parseTurnServerStatus(`<status><hosts>${ciscoHost}</hosts></status>`)).toEqual({
      ok: true,
      value: expected,
    });
    expect(parseTurnServerStatus(`<turnServer id="x"/>`)).toEqual({ ok: true, value: { hosts: [], rttElement: null } });
  });

  it("accepts the tolerated roundTripTime too, and records that it matched that name", () => {
    const r = parseTurnServerStatus(
      `<turnServer><host><address>a</address><roundTripTime>4</roundTripTime></host></turnServer>`,
    );
    expect(r).toMatchObject({ ok: true, value: { hosts: [{ address: "a", rttMs: 4 }], rttElement: "roundTripTime" } });
  });

  it("reads reachable=false as its own fact, with no RTT even if one is present", () => {
    const r = parseTurnServerStatus(
      `<turnServer><host><address>10.0.0.37</address><reachable>false</reachable><roundTripTimeMs>9</roundTripTimeMs><numAllocations>0</numAllocations></host></turnServer>`,
    );
    expect(r).toMatchObject({
      ok: true,
      value: { hosts: [{ address: "10.0.0.37", reachable: false, rttMs: undefined, allocations: 0 }] },
    });
  });

  it("reads the lab's status in Cisco's names: reachable with an RTT, reachable=false when TURN is inactive", () => {
    const body = labCms(labState(), `/api/v1/turnServers/${turnServerId("vcs-e2")}/status`);
    expect(body).toContain("<roundTripTimeMs>");
    expect(body).not.toContain("<roundTripTime>");
    const ok = parseTurnServerStatus(body);
    expect(ok.ok && ok.value.hosts[0]).toMatchObject({
      address: "10.0.0.37",
      reachable: true,
      rttMs: expect.any(Number),
      allocations: expect.any(Number),
    });
    const down = parseTurnServerStatus(
      labCms(labState([["turn-inactive", "vcs-e2"]]), `/api/v1/turnServers/${turnServerId("vcs-e2")}/status`),
    );
    expect(down.ok && down.value.hosts[0]).toMatchObject({
      address: "10.0.0.37",
      reachable: false,
      rttMs: undefined,
      allocations: 0,
    });
  });

  it.each([
    [
      "a non-numeric RTT",
      `<roundTripTimeMs>n/a</roundTripTimeMs>`,
      "/turnServer/host[2]/roundTripTimeMs",
      /unexpected value "n\/a"/,
    ],
    [
      "reachable that is not a boolean word",
      `<reachable>yes</reachable>`,
      "/turnServer/host[2]/reachable",
      /unexpected value "yes"/,
    ],
  ])("fails with the host's path on %s", (_n, inner, path, message) => {
    const r = parseTurnServerStatus(
      `<turnServer><host><address>a</address></host><host><address>b</address>${inner}</host></turnServer>`,
    );
    expect(r).toMatchObject({ ok: false, failure: { kind: "parse", path, message: expect.stringMatching(message) } });
  });
});

describe("callBridges and webBridges", () => {
  it("reads the public callBridge detail (TAC 212298) with an empty sipDomain", () => {
    const xml = `<callBridge id="0e3758db"><name>CallBridge-Core1</name><address>https://14.80.82.30</address><sipDomain></sipDomain></callBridge>`;
    expect(parseCallBridge(xml)).toEqual({
      ok: true,
      value: { name: "CallBridge-Core1", address: "https://14.80.82.30", sipDomain: null },
    });
  });

  it("reads the lab's Web Bridge at the Join URL and its status in Cisco's words (success; connectionFailure under cms-alarms)", () => {
    const list = parseCmsCollection(labCms(labState(), "/api/v1/webBridges"), COLLECTIONS.webBridges);
    const id = list.ok ? list.value.items[0]!.id : "";
    expect(parseWebBridge(labCms(labState(), `/api/v1/webBridges/${id}`))).toMatchObject({
      ok: true,
      value: { url: "c2w://webbridge.example.com:9999" },
    });
    expect(parseWebBridgeStatus(labCms(labState(), `/api/v1/webBridges/${id}/status`))).toEqual({
      ok: true,
      value: { status: "success", documented: true, leaves: { status: "success" } },
    });
    expect(
      parseWebBridgeStatus(labCms(labState([["cms-alarms", null]]), `/api/v1/webBridges/${id}/status`)),
    ).toMatchObject({ ok: true, value: { status: "connectionFailure", documented: true } });
  });

  it.each(WEB_BRIDGE_STATUSES)("reads the documented status %s", (word) => {
    expect(parseWebBridgeStatus(`<webBridge id="w"><status>${word}</status></webBridge>`)).toMatchObject({
      ok: true,
      value: { status: word, documented: true },
    });
  });

  it("keeps an undocumented word as is (documented: false), and nested and repeated leaves with their path", () => {
    expect(
      parseWebBridgeStatus(`<webBridge><status>operational</status><a><b>1</b><b>2</b></a><c/></webBridge>`),
    ).toEqual({
      ok: true,
      value: {
        status: "operational",
        documented: false,
        leaves: { status: "operational", "a/b[1]": "1", "a/b[2]": "2", c: "" },
      },
    });
    expect(parseWebBridgeStatus(`<webBridge><x/></webBridge>`)).toMatchObject({
      ok: true,
      value: { status: null, documented: false },
    });
  });

  it("fails on a webBridge answer with the wrong root", () => {
    expect(parseWebBridge(`<html/>`)).toMatchObject({ ok: false, failure: { kind: "parse", path: "/html" } });
  });
});

import { describe, expect, it } from "vitest";
import { parseAllowListAuto } from "@/lib/server/collectors/expressway-c-allowlist-auto";
import {
  parseCmsResolved,
  parseCmsResolvedTraced,
  parseCmsSettingsConfig,
} from "@/lib/server/collectors/expressway-c-cms-settings";
import { parseTunnels } from "@/lib/server/collectors/expressway-c-tunnels";
import { CMS_RESOLVED, CMS_SETTINGS } from "@/lib/domain/sources/expressway-c-cms-settings";
import { ALLOWLIST_AUTO } from "@/lib/domain/sources/expressway-c-allowlist-auto";
import { TUNNELS } from "@/lib/domain/sources/expressway-c-tunnels";
import type { Result } from "@/lib/server/transport/failure";
import { labGetxml, labState, NS } from "../support/lab-render";

// Expressway-C shapes are inferred [I]; these tests pin what the lab serves and how tolerant the
// parsers are, so a real payload that differs fails as a typed parse failure with a path.

const edge = (inner: string) =>
  `<Status ${NS} product="TANDBERG VCS" version="X15.2.1"><CollaborationEdge item="1">${inner}</CollaborationEdge></Status>`;

function expectParseFailure(r: Result<unknown>, message: RegExp, path?: string) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.failure.kind).toBe("parse");
  expect(r.failure.message).toMatch(message);
  if (path) expect(r.failure.path).toBe(path);
  expect(r.failure.excerpt).toBeTruthy();
}

describe("parseTunnels (V3)", () => {
  it("reads the lab's tunnels: both E nodes, UC and Web Bridge domains, Active", () => {
    const r = parseTunnels(labGetxml(labState(), "vcs-c", TUNNELS.location));
    expect(r.ok && r.value.tunnels).toEqual([
      { target: "vcs-e1.example.local", domain: "example.com", status: "Active" },
      { target: "vcs-e1.example.local", domain: "webbridge.example.com", status: "Active" },
      { target: "vcs-e2.example.local", domain: "example.com", status: "Active" },
      { target: "vcs-e2.example.local", domain: "webbridge.example.com", status: "Active" },
    ]);
  });

  it("reads the empty Tunnels element of the public X8.11.3 sample as no tunnels", () => {
    expect(parseTunnels(edge(`<Tunnels item="1"/>`))).toEqual({ ok: true, value: { tunnels: [], matched: {} } });
  });

  it.each([
    [
      "another entry element name and unknown children",
      `<Tunnels><SSHTunnel item="1"><Target>e1</Target><Domain>d</Domain><Status>Active</Status><Port>2222</Port></SSHTunnel></Tunnels>`,
    ],
    [
      "a namespace prefix",
      `<Tunnels><x:Tunnel xmlns:x="urn:x"><x:Target>e1</x:Target><x:Domain>d</x:Domain><x:Status>Active</x:Status></x:Tunnel></Tunnels>`,
    ],
  ])("tolerates %s", (_n, inner) => {
    const r = parseTunnels(edge(inner));
    expect(r.ok && r.value.tunnels[0]).toMatchObject({ target: "e1", status: "Active" });
  });

  it.each([
    [
      "Target/Domain/Status (our reading)",
      `<Tunnel><Target>e1</Target><Domain>d</Domain><Status>Active</Status></Tunnel>`,
      "Tunnel,Target,Domain,Status",
    ],
    [
      "Peer/Domain/State",
      `<Tunnel><Peer>e1</Peer><Domain>d</Domain><State>Active</State></Tunnel>`,
      "Tunnel,Peer,Domain,State",
    ],
    [
      "Address/Name/Status",
      `<SSHTunnel><Address>e1</Address><Name>d</Name><Status>Active</Status></SSHTunnel>`,
      "SSHTunnel,Address,Name,Status",
    ],
  ])("accepts tunnel entries named %s and records which naming matched", (_n, inner, matched) => {
    const r = parseTunnels(edge(`<Tunnels>${inner}</Tunnels>`));
    expect(r).toEqual({
      ok: true,
      value: { tunnels: [{ target: "e1", domain: "d", status: "Active" }], matched: { "tunnel entry": matched } },
    });
  });

  it("keeps a tunnel without a Domain (domain null)", () => {
    const r = parseTunnels(edge(`<Tunnels><Tunnel><Target>e1</Target><Status>Active</Status></Tunnel></Tunnels>`));
    expect(r.ok && r.value.tunnels).toEqual([{ target: "e1", domain: null, status: "Active" }]);
  });

  it("fails with the element path when an entry has no Status", () => {
    const r = parseTunnels(
      edge(`<Tunnels><Tunnel><Target>e1</Target></Tunnel><Tunnel><Target>e2</Target></Tunnel></Tunnels>`),
    );
    expectParseFailure(r, /Tunnel\[1\]\/Status: missing/, "/Status/CollaborationEdge/Tunnels/Tunnel[1]/Status");
  });

  it("fails when the Tunnels element is missing", () => {
    expectParseFailure(
      parseTunnels(edge(`<CMSs/>`)),
      /\/Status\/CollaborationEdge\/Tunnels is missing/,
      "/Status/CollaborationEdge/Tunnels",
    );
  });

  it("sorts entries so a reordered answer hashes the same", () => {
    const a = `<Tunnel><Target>b</Target><Status>Active</Status></Tunnel><Tunnel><Target>a</Target><Status>Active</Status></Tunnel>`;
    const r = parseTunnels(edge(`<Tunnels>${a}</Tunnels>`));
    expect(r.ok && r.value.tunnels.map((t) => t.target)).toEqual(["a", "b"]);
  });
});

describe("parseAllowListAuto (V2)", () => {
  it("reads the lab's https and wss Web Bridge rules", () => {
    const r = parseAllowListAuto(labGetxml(labState(), "vcs-c", ALLOWLIST_AUTO.location));
    const methods = ["DELETE", "GET", "HEAD", "POST", "PUT"];
    expect(r.ok && r.value.rules).toEqual([
      {
        description: "Meeting Server web bridges",
        protocol: "https",
        port: 443,
        matchType: "Prefix",
        path: "/",
        methods,
      },
      {
        description: "Meeting Server web bridges",
        protocol: "wss",
        port: 443,
        matchType: "Prefix",
        path: "/",
        methods,
      },
    ]);
  });

  it("accepts rules named Scheme/PortNumber/Match/Prefix/HTTPMethods and records which naming matched", () => {
    const r = parseAllowListAuto(
      edge(
        `<HTTPAllowListAuto><Entry><Name>Meeting Server web bridges</Name><Scheme>wss</Scheme><PortNumber>443</PortNumber><Match>Prefix</Match><Prefix>/</Prefix><HTTPMethods>GET, POST</HTTPMethods></Entry></HTTPAllowListAuto>`,
      ),
    );
    expect(r).toEqual({
      ok: true,
      value: {
        rules: [
          {
            description: "Meeting Server web bridges",
            protocol: "wss",
            port: 443,
            matchType: "Prefix",
            path: "/",
            methods: ["GET", "POST"],
          },
        ],
        matched: { "rule entry": "Entry,Name,Scheme,PortNumber,Match,Prefix,HTTPMethods" },
      },
    });
  });

  it("accepts methods as the comma-separated text the web UI shows (TAC 210800)", () => {
    const r = parseAllowListAuto(
      edge(
        `<HTTPAllowListAuto><Rule><Protocol>WSS</Protocol><Port>443</Port><Path>/</Path><Methods>GET, POST, PUT, HEAD, DELETE</Methods></Rule></HTTPAllowListAuto>`,
      ),
    );
    expect(r.ok && r.value.rules[0]).toEqual({
      description: null,
      protocol: "wss",
      port: 443,
      matchType: null,
      path: "/",
      methods: ["DELETE", "GET", "HEAD", "POST", "PUT"],
    });
  });

  it("reads the empty element of the public sample as no rules", () => {
    expect(parseAllowListAuto(edge(`<HTTPAllowListAuto item="1"/>`))).toEqual({
      ok: true,
      value: { rules: [], matched: {} },
    });
  });

  it.each([
    [
      "a port that is not a number",
      `<Rule><Protocol>https</Protocol><Port>any</Port><Path>/</Path></Rule>`,
      /Rule\/Port: unexpected value "any"/,
    ],
    ["a rule without a path", `<Rule><Protocol>https</Protocol><Port>443</Port></Rule>`, /Rule\/Path: missing/],
  ])("fails with the path for %s", (_n, inner, message) => {
    expectParseFailure(parseAllowListAuto(edge(`<HTTPAllowListAuto>${inner}</HTTPAllowListAuto>`)), message);
  });
});

describe("Meeting Server settings (C1, V1)", () => {
  it("reads the lab's web proxy On and Guest account client URI", () => {
    const r = parseCmsSettingsConfig(labGetxml(labState(), "vcs-c", CMS_SETTINGS.location));
    expect(r).toEqual({ ok: true, value: { webProxyEnabled: true, guestAccountClientUri: "webbridge.example.com" } });
  });

  it("reads the lab's resolved Web Bridge address table", () => {
    const r = parseCmsResolved(labGetxml(labState(), "vcs-c", CMS_RESOLVED.location));
    expect(r).toEqual({ ok: true, value: [{ name: "webbridge.example.com", address: "10.0.0.20" }] });
  });

  const config = (inner: string) =>
    `<Configuration ${NS}><CollaborationEdge><CMS>${inner}</CMS></CollaborationEdge></Configuration>`;
  it.each([
    ["<WebProxy><Mode>Off</Mode></WebProxy>", false],
    ["<WebProxy>Enabled</WebProxy>", true],
    ["<WebProxy><Mode>on</Mode></WebProxy><Unknown>1</Unknown>", true],
  ])("reads %s", (inner, enabled) => {
    const r = parseCmsSettingsConfig(config(inner));
    expect(r.ok && r.value).toEqual({ webProxyEnabled: enabled, guestAccountClientUri: null });
  });

  it("fails with the path on an unknown web proxy value", () => {
    expectParseFailure(
      parseCmsSettingsConfig(config("<WebProxy><Mode>Maybe</Mode></WebProxy>")),
      /WebProxy\/Mode: unexpected value "Maybe"/,
      "/Configuration/CollaborationEdge/CMS/WebProxy/Mode",
    );
  });

  it.each([
    [
      "the documented <Fault><XPathError>",
      `<Fault><XPathError><Reason>No match for XPath</Reason><XPath>/Configuration/CollaborationEdge/CMS</XPath></XPathError></Fault>`,
    ],
    ["a bare <XPathError>", `<XPathError><Reason>No match for XPath</Reason></XPathError>`],
    [
      "an XPathError one level deeper",
      `<Configuration ${NS}><XPathError><Reason>No match for XPath</Reason></XPathError></Configuration>`,
    ],
  ])("says the box has no such location, in its words, for %s", (_n, xml) => {
    const r = parseCmsSettingsConfig(xml);
    expectParseFailure(r, /Expressway rejected \/Configuration\/CollaborationEdge\/CMS: No match for XPath/);
    expect(!r.ok && r.failure.notAvailable).toBe("No match for XPath");
  });

  it("the lab refuses an unknown location with the documented <Fault><XPathError><Reason>", () => {
    const body = labGetxml(labState(), "vcs-e1", "/Configuration/CollaborationEdge/CMS");
    expect(body).toMatch(/<Fault><XPathError><Reason>No match for XPath<\/Reason>/);
  });

  it.each([
    ["Name/Address (our reading)", `<CMS><Name>wb</Name><Address>10.0.0.1</Address></CMS>`, "CMS,Name,Address"],
    [
      "Domain/IPAddress",
      `<Server><Domain>wb</Domain><IPAddress>10.0.0.1</IPAddress></Server>`,
      "Server,Domain,IPAddress",
    ],
    [
      "GuestAccountClientURI/ResolvedAddress",
      `<CMS><GuestAccountClientURI>wb</GuestAccountClientURI><ResolvedAddress>10.0.0.1</ResolvedAddress></CMS>`,
      "CMS,GuestAccountClientURI,ResolvedAddress",
    ],
  ])("accepts resolved entries named %s and records which naming matched", (_n, inner, matched) => {
    const r = parseCmsResolvedTraced(edge(`<CMSs>${inner}</CMSs>`));
    expect(r).toEqual({ ok: true, value: { rows: [{ name: "wb", address: "10.0.0.1" }], matched } });
  });

  it("lists every address of a name, and none for a name that did not resolve", () => {
    const r = parseCmsResolved(
      edge(
        `<CMSs><CMS><Name>wb</Name><Address>10.0.0.1</Address><Address>10.0.0.2</Address></CMS><CMS><Name>typo</Name></CMS></CMSs>`,
      ),
    );
    expect(r.ok && r.value).toEqual([
      { name: "wb", address: "10.0.0.1" },
      { name: "wb", address: "10.0.0.2" },
    ]);
  });
});

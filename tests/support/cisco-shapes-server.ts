import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { createCa, issueServerCert, type Ca } from "@/lib/server/lab/certificates";

// Not the lab: an HTTPS server on loopback that answers in the payload shapes Cisco documents,
// written out here by hand so a test can hold Edgescope to them (api-formats §0, §3, §4):
// - CMS: system/status (TAC 212298 API trace), system/alarms (ciscocms/apiary: type,
//   activeTimeSeconds, type parameters), turnServers list/detail (CMS API reference 2.0 §10.7),
//   turnServers/<id>/status hosts with reachable and roundTripTimeMs (apiary), callBridges
//   (TAC 212298), webBridges with their status word (apiary, 2.2+), system/load,
//   system/configuration/cluster, system/licensing and system/database as the apiary examples show
//   them (clusterLicensing is left unanswered: its body has no published example).
// - Expressway: the real X8.11.3 /status.xml (py-expressway tests/status.xml); getxml answers a
//   subtree of it, cut from the same file, and refuses anything else with the documented
//   <Fault><XPathError><Reason> (TANDBERG/Cisco XML API guides). `getxml: "refuse"` refuses every
//   location, so only the /status.xml fallback can read anything.

export const STATUS_XML = fs.readFileSync("tests/fixtures/expressway/status-x8.11.3.xml", "utf8");

export const USER = "apiuser";
export const PASSWORD = "s3cret-Pa55:w0rd";

export const TS1 = "8a7a0c6e-1f1a-4c53-9b0e-5a1d2a3b4c01";
export const TS2 = "8a7a0c6e-1f1a-4c53-9b0e-5a1d2a3b4c02";
export const CB1 = "0e3758db-b9b8-49df-a74c-55fa05e3e21d";
export const WB1 = "6b1d2c3e-4f50-4a61-8b72-9c83d4e5f601";
export const E1 = { privateAddress: "198.51.100.36", publicAddress: "203.0.113.5" };
export const E2 = { privateAddress: "198.51.100.37", publicAddress: "203.0.113.6" };

export interface CmsWorld {
  /** turnServer id → its host as CMS's status lists it; reachable=false has no roundTripTimeMs */
  hosts: Record<string, { reachable: boolean; rttMs?: number }>;
  alarms: { id: string; type: string; params?: Record<string, string> }[];
  webBridgeStatus: string;
  /** Answer 500 for the first turnServer's detail, the second one's status and each bridge's detail (one part each) */
  failParts?: boolean;
  /** Answer 500 for these paths too */
  failPaths?: string[];
}

export const healthyCms = (): CmsWorld => ({
  hosts: { [TS1]: { reachable: true, rttMs: 3 }, [TS2]: { reachable: true, rttMs: 5 } },
  alarms: [],
  webBridgeStatus: "success",
});

const xml = (body: string) => `<?xml version="1.0"?>\n${body}`;

/** A body with its own status code (a CMS error answer). */
export const FAILED = Symbol("failed");

function cms(world: CmsWorld, url: URL): string | null | typeof FAILED {
  const p = url.pathname;
  if (
    world.failParts &&
    [
      `/api/v1/turnServers/${TS1}`,
      `/api/v1/turnServers/${TS2}/status`,
      `/api/v1/callBridges/${CB1}`,
      `/api/v1/webBridges/${WB1}`,
    ].includes(p)
  )
    return FAILED;
  if (world.failPaths?.includes(p)) return FAILED;
  const turn = [
    { id: TS1, e: E1 },
    { id: TS2, e: E2 },
  ];
  if (p === "/api/v1/system/status")
    return xml(
      `<status><softwareVersion>3.9.2</softwareVersion><uptimeSeconds>86400</uptimeSeconds><cdrTime>2026-12-02T05:00:00Z</cdrTime><activated>true</activated><clusterEnabled>false</clusterEnabled><cdrCorrelatorIndex>0</cdrCorrelatorIndex><callLegsActive>2</callLegsActive><callLegsMaxActive>10</callLegsMaxActive><callLegsCompleted>40</callLegsCompleted><audioBitRateOutgoing>0</audioBitRateOutgoing><audioBitRateIncoming>0</audioBitRateIncoming><videoBitRateOutgoing>0</videoBitRateOutgoing><videoBitRateIncoming>0</videoBitRateIncoming></status>`,
    );
  // ciscocms/apiary's example bodies, verbatim apart from the XML declaration.
  if (p === "/api/v1/system/load") return xml("<load><mediaProcessingLoad>25</mediaProcessingLoad></load>");
  if (p === "/api/v1/system/configuration/cluster")
    return xml(
      "<cluster><uniqueName/><maxPeerVideoStreams/><participantLimit/><loadLimit/><newConferenceLoadLimitBasisPoints>5000</newConferenceLoadLimitBasisPoints><existingConferenceLoadLimitBasisPoints>8000</existingConferenceLoadLimitBasisPoints></cluster>",
    );
  if (p === "/api/v1/system/licensing")
    return xml(
      "<licensing><features><callBridge><status>activated</status><expiry>2022-Aug-08</expiry></callBridge><callBridgeNoEncryption><status>noLicense</status></callBridgeNoEncryption><branding><status>activated</status><expiry>2022-Aug-08</expiry><level>multipleBrands</level></branding><recording><status>activated</status><expiry>2022-Aug-08</expiry><limit>20</limit></recording></features></licensing>",
    );
  if (p === "/api/v1/system/database") return xml('<database clustered="disabled"/>');
  if (p === "/api/v1/system/alarms")
    return xml(
      `<alarms total="${world.alarms.length}">${world.alarms
        .map(
          (a) =>
            `<alarm id="${a.id}"><type>${a.type}</type><activeTimeSeconds>120</activeTimeSeconds>${Object.entries(
              a.params ?? {},
            )
              .map(([k, v]) => `<${k}>${v}</${k}>`)
              .join("")}</alarm>`,
        )
        .join("")}</alarms>`,
    );
  if (p === "/api/v1/turnServers")
    return xml(
      `<turnServers total="2">${turn.map((t) => `<turnServer id="${t.id}"><serverAddress>${t.e.privateAddress}</serverAddress><clientAddress>${t.e.publicAddress}</clientAddress></turnServer>`).join("")}</turnServers>`,
    );
  for (const t of turn) {
    if (p === `/api/v1/turnServers/${t.id}`)
      return xml(
        `<turnServer id="${t.id}"><serverAddress>${t.e.privateAddress}</serverAddress><clientAddress>${t.e.publicAddress}</clientAddress><username>expturncreds</username><type>expressway</type><numRegistrations>0</numRegistrations><tcpPortNumberOverride>3478</tcpPortNumberOverride></turnServer>`,
      );
    if (p === `/api/v1/turnServers/${t.id}/status`) {
      const h = world.hosts[t.id]!;
      const rtt = h.reachable && h.rttMs !== undefined ? `<roundTripTimeMs>${h.rttMs}</roundTripTimeMs>` : "";
      return xml(
        `<turnServer id="${t.id}"><host><address>${t.e.privateAddress}</address><portNumber>3478</portNumber><reachable>${h.reachable}</reachable>${rtt}<mappedAddress>198.51.100.20</mappedAddress><mappedPortNumber>50123</mappedPortNumber><numAllocations>${h.reachable ? 2 : 0}</numAllocations></host></turnServer>`,
      );
    }
  }
  if (p === "/api/v1/callBridges")
    return xml(
      `<callBridges total="1"><callBridge id="${CB1}"><name>CallBridge-Core1</name></callBridge></callBridges>`,
    );
  if (p === `/api/v1/callBridges/${CB1}`)
    return xml(
      `<callBridge id="${CB1}"><name>CallBridge-Core1</name><address>https://198.51.100.20</address><sipDomain></sipDomain></callBridge>`,
    );
  if (p === "/api/v1/webBridges")
    return xml(
      `<webBridges total="1"><webBridge id="${WB1}"><url>https://join.example.com</url></webBridge></webBridges>`,
    );
  if (p === `/api/v1/webBridges/${WB1}`)
    return xml(
      `<webBridge id="${WB1}"><url>https://join.example.com</url><resourceArchive></resourceArchive></webBridge>`,
    );
  if (p === `/api/v1/webBridges/${WB1}/status`)
    return xml(`<webBridge id="${WB1}"><status>${world.webBridgeStatus}</status></webBridge>`);
  return null;
}

// ---- Expressway: getxml subtrees cut from the real status.xml -----------------------------------

const parserOpts = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  trimValues: false,
} as const;
type Node = Record<string, unknown>;
const nameOf = (n: Node) => Object.keys(n).find((k) => k !== ":@")!;

/** The getxml answer Expressway gives: the tree from <Status> down to `location`, or null when absent. */
export function cutGetxml(statusXml: string, location: string): string | null {
  const doc = new XMLParser(parserOpts).parse(statusXml) as Node[];
  const parts = location.split("/").filter(Boolean);
  const root = doc.find((n) => nameOf(n) === parts[0]);
  if (!root) return null;
  let chain: Node[] = [root];
  for (const part of parts.slice(1)) {
    const parent = chain.at(-1)!;
    const next = (parent[nameOf(parent)] as Node[]).find((c) => nameOf(c) === part);
    if (!next) return null;
    chain = [...chain, next];
  }
  // Rebuild from the leaf up, each ancestor holding only the path's child.
  let node: Node = chain.at(-1)!;
  for (const parent of chain.slice(0, -1).reverse())
    node = { [nameOf(parent)]: [node], ...(parent[":@"] ? { ":@": parent[":@"] } : {}) };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLBuilder({ ...parserOpts, suppressEmptyNode: true }).build([node])}`;
}

const fault = (location: string, bare = false) => {
  const inner = `<XPathError><Reason>No match for XPath</Reason><XPath>${location}</XPath></XPathError>`;
  return xml(bare ? inner : `<Fault>${inner}</Fault>`);
};

export interface ExpresswayWorld {
  /** "subtrees": getxml answers subtrees of status.xml · "refuse": every getxml location is refused */
  getxml: "subtrees" | "refuse";
  /** Answer refusals as a bare <XPathError> instead of the documented <Fault> wrapper */
  bareXPathError?: boolean;
  /** Answers some paths with a hostile echo: the Authorization header, in a body and a header */
  echoSecrets?: boolean;
  /** Tunnels with an entry that has no status: a parse failure with an element path */
  brokenTunnels?: boolean;
}

function expressway(world: ExpresswayWorld, url: URL): string | null {
  if (url.pathname === "/status.xml") return STATUS_XML;
  if (url.pathname !== "/getxml") return null;
  const location = url.searchParams.get("location") ?? "";
  if (world.brokenTunnels && location === "/Status/CollaborationEdge/Tunnels")
    return xml(
      `<Status xmlns="http://www.tandberg.no/XML/CUIL/1.0"><CollaborationEdge item="1"><Tunnels item="1"><Tunnel item="1"><Target item="1">e1</Target></Tunnel></Tunnels></CollaborationEdge></Status>`,
    );
  const sub = world.getxml === "subtrees" ? cutGetxml(STATUS_XML, location) : null;
  return sub ?? fault(location, world.bareXPathError);
}

// ---- the server -----------------------------------------------------------------------------

export interface CiscoShapesServer {
  url: string;
  caPem: string;
  /** Paths asked, in order */
  asked: string[];
  stop(): Promise<void>;
}

let ca: Promise<Ca> | undefined;

export async function startCiscoShapesServer(
  kind: "cms" | "expressway",
  world: () => CmsWorld | ExpresswayWorld,
): Promise<CiscoShapesServer> {
  ca ??= createCa("Cisco shapes test CA");
  const authority = await ca;
  const cert = await issueServerCert(authority, { commonName: "127.0.0.1", ipAddresses: ["127.0.0.1"] });
  const asked: string[] = [];
  const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;
  const server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://x");
    asked.push(`${url.pathname}${url.search}`);
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="api"' }).end();
      return;
    }
    const w = world();
    if (kind === "expressway" && (w as ExpresswayWorld).echoSecrets) {
      // A hostile or buggy box echoing what it was sent: the bundle must redact all of it.
      res.setHeader("set-cookie", `SESSION=${PASSWORD}; Path=/`);
      res.setHeader("x-echo-auth", req.headers.authorization ?? "");
    }
    const body = kind === "cms" ? cms(w as CmsWorld, url) : expressway(w as ExpresswayWorld, url);
    if (body === FAILED) {
      res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
      return;
    }
    if (body === null) {
      res
        .writeHead(404, { "content-type": "text/xml" })
        .end(xml(`<failureDetails><objectDoesNotExist /></failureDetails>`));
      return;
    }
    const echoed =
      kind === "expressway" && (w as ExpresswayWorld).echoSecrets
        ? `${body}\n<!-- ${req.headers.authorization} ${PASSWORD} https://${USER}:${PASSWORD}@box/ ${encodeURIComponent(PASSWORD)} -->`
        : body;
    res.writeHead(200, { "content-type": "text/xml; charset=UTF-8" }).end(echoed);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: authority.certPem,
    asked,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { nodeSourceKey, PROBE_KEYS } from "@/lib/domain/keys";
import { makeContext, type ContextData } from "@/lib/server/checks/context";
import type { CheckContext, CheckDeployment, CheckNode, ProbeReading, SourceReading } from "@/lib/server/checks/types";

// Hand-built check contexts for unit tests: a healthy lab-shaped deployment (one C, two E, one
// CMS) whose readings and probe results a test then bends one at a time.

const node = (
  id: string,
  role: CheckNode["role"],
  name: string,
  privateAddress: string | null,
  publicAddress: string | null,
  port = 8443,
): CheckNode => ({
  id,
  role,
  name,
  baseUrl: `https://127.0.0.1:${port}`,
  privateAddress,
  publicAddress,
  turnProbeTarget: publicAddress && `${publicAddress}:3478`,
  tlsProbeTarget: publicAddress && `${publicAddress}:443`,
});

export const NODES: CheckNode[] = [
  node("c", "EXPRESSWAY_C", "vcs-c.example.local", "10.0.0.30", null),
  node("e1", "EXPRESSWAY_E", "vcs-e1.example.local", "10.0.0.36", "203.0.113.5"),
  node("e2", "EXPRESSWAY_E", "vcs-e2.example.local", "10.0.0.37", "203.0.113.6"),
  node("cms", "CMS", "cms1.example.local", "10.0.0.20", null),
];

export const DEPLOYMENT: CheckDeployment = {
  id: "d1",
  name: "Lab",
  joinUrl: "webbridge.example.com",
  callBridgeDomain: "example.com",
  jabberGuest: false,
  outsideResolver: "127.0.0.1:5301",
  insideResolver: "127.0.0.1:5302",
  rttThresholdMs: 200,
};

const snap = <T>(content: T) => ({
  since: "2026-01-01T00:00:00.000Z",
  lastSeenAt: "2026-01-01T00:00:00.000Z",
  content,
});
const tunnel = (target: string, domain: string, status = "Active") => ({ target, domain, status });
const rule = (protocol: string) => ({
  description: "Meeting Server web bridges",
  protocol,
  port: 443,
  matchType: "Prefix",
  path: "/",
  methods: ["DELETE", "GET", "HEAD", "POST", "PUT"],
});
const turnServer = (id: string, serverAddress: string, clientAddress: string) => ({
  id,
  serverAddress,
  clientAddress,
  username: "cmsturn",
  type: "expressway",
  tcpPortNumberOverride: 3478,
});

export function healthyData(): Record<string, unknown> {
  return {
    "c expressway-c.tunnels": snap({
      tunnels: ["vcs-e1.example.local", "vcs-e2.example.local"].flatMap((t) => [
        tunnel(t, "example.com"),
        tunnel(t, "webbridge.example.com"),
      ]),
    }),
    "c expressway-c.allowlist-auto": snap({ rules: [rule("https"), rule("wss")] }),
    "c expressway-c.cms-settings": snap({
      webProxyEnabled: true,
      guestAccountClientUri: "webbridge.example.com",
      resolved: [{ name: "webbridge.example.com", address: "10.0.0.20" }],
    }),
    "c expressway.system": snap({ product: "TANDBERG VCS", version: "X15.2.1" }),
    "e1 expressway.system": snap({ product: "TANDBERG VCS", version: "X15.2.1" }),
    "e2 expressway.system": snap({ product: "TANDBERG VCS", version: "X15.2.1" }),
    "e1 expressway-e.turn-relays": {
      at: "2026-01-01T00:00:00.000Z",
      current: 4,
      peak: 9,
      total: 100,
      serverStatus: "Active",
    },
    "e2 expressway-e.turn-relays": {
      at: "2026-01-01T00:00:00.000Z",
      current: 2,
      peak: 5,
      total: 50,
      serverStatus: "Active",
    },
    "cms cms.system": snap({ softwareVersion: "3.9.2", activated: true }),
    "cms cms.alarms": snap({ alarms: [] }),
    // Capacity and licences (docs/capacity.md).
    "cms cms.load": {
      ...snap({ loadLimit: 1000, newConferenceBasisPoints: 5000, existingConferenceBasisPoints: 8000, loadBand: 100 }),
      mediaProcessingLoad: 100,
    },
    ...Object.fromEntries(
      ["c", "e1", "e2"].map((n) => [
        `${n} expressway.call-licences`,
        snap({
          traversal: { current: 2, peak: 6, licensed: 50 },
          nonTraversal: { current: 1, peak: 3, licensed: 100 },
        }),
      ]),
    ),
    "cms cms.licensing": snap({
      features: [
        { name: "callBridge", status: "activated", expiry: "2026-12-01" },
        { name: "webBridge", status: "activated", expiry: "2026-12-01" },
      ],
      cluster: null,
    }),
    "cms cms.database": snap({
      clustered: true,
      totalNodes: 2,
      nodeInUse: "cms1.example.local",
      error: null,
      nodes: [
        { hostname: "cms1.example.local", up: true, syncBehind: 0, master: true },
        { hostname: "cms-db2.example.local", up: true, syncBehind: 0, master: false },
      ],
    }),
    "cms cms.turn-servers": {
      ...snap({
        turnServers: [turnServer("t1", "10.0.0.36", "203.0.113.5"), turnServer("t2", "10.0.0.37", "203.0.113.6")],
      }),
      status: {
        at: "2026-01-01T00:00:00.000Z",
        hosts: [
          { turnServerId: "t1", hostAddress: "10.0.0.36", rttMs: 3, allocations: 1, reachable: true },
          { turnServerId: "t2", hostAddress: "10.0.0.37", rttMs: 4, allocations: 0, reachable: true },
        ],
      },
    },
  };
}

const dns = (name: string, type: string, values: string[], outcome = values.length ? "ok" : "nxdomain") => ({
  outcome,
  rcode: outcome === "ok" ? "NOERROR" : outcome === "nxdomain" ? "NXDOMAIN" : null,
  resolver: "127.0.0.1:53",
  name,
  type,
  answers: values.map((value) => ({ value })),
  rttMs: 1,
  detail: `${outcome} ${name}`,
});
export const dnsResult = dns;
const tls = (covers = true, daysToExpiry = 300) => ({
  outcome: "ok",
  target: "x:443",
  servername: "webbridge.example.com",
  rttMs: 2,
  detail: "tls",
  sans: covers ? ["vcs-e1.example.local", "webbridge.example.com"] : ["vcs-e1.example.local"],
  subject: "CN=vcs-e1",
  issuer: "CN=CA",
  validFrom: "",
  validTo: "2027-01-01",
  daysToExpiry,
  expired: daysToExpiry < 0,
  fingerprint256: "",
  chain: [],
  trusted: true,
  matchesServername: covers,
  protocol: "TLSv1.3",
  trustStore: "caPem",
});
export const tlsResult = tls;
const port = (transport: string, open = true) => ({
  open,
  outcome: open ? "open" : "timeout",
  target: "x:3478",
  transport,
  rttMs: open ? 1 : null,
  detail: open ? "answered" : "no answer",
});
export const portResult = port;
export const turnResult = (outcome = "ok", errorCode?: number) => ({
  outcome,
  ...(errorCode ? { errorCode, errorReason: "Unauthorized" } : {}),
  rttMs: 2,
  steps: [],
});

/** One certificate as the audit reads it; healthy: EC P-256, SHA-256, serverAuth+clientAuth, a year left (from the context's now, 2026-01-01). */
export const certDetail = (name: string, o: Record<string, unknown> = {}) => ({
  subject: `CN=${name}`,
  commonName: name,
  issuer: "CN=Lab CA",
  sans: [name],
  notBefore: "2025-01-01T00:00:00.000Z",
  notAfter: "2027-01-01T00:00:00.000Z",
  serialNumber: "01",
  fingerprint256: "AA",
  keyType: "EC",
  keyBits: 256,
  signatureAlgorithm: "ecdsa-with-SHA256",
  extendedKeyUsages: ["serverAuth", "clientAuth"],
  selfSigned: false,
  isCa: false,
  ...o,
});
export const auditResult = (
  label: string,
  servername: string | null,
  leaf: Record<string, unknown>,
  o: Record<string, unknown> = {},
) => ({
  label,
  target: "127.0.0.1:443",
  servername,
  outcome: "ok",
  detail: "audit",
  chain: [leaf],
  trusted: true,
  verifyError: null,
  trustStore: "node-ca",
  nameCovered: true,
  ...o,
});

export function healthyProbes(): Record<string, unknown> {
  const out: Record<string, unknown> = {
    [PROBE_KEYS.outsideJoin]: dns("webbridge.example.com", "A", ["203.0.113.5"]),
    [PROBE_KEYS.insideJoin]: dns("webbridge.example.com", "A", ["10.0.0.20"]),
    [PROBE_KEYS.insideXmpp]: dns("_xmpp-client._tcp.example.com", "SRV", ["cms1.example.local:5222"]),
  };
  for (const e of ["e1", "e2"]) {
    out[PROBE_KEYS.tls(e)] = tls();
    out[PROBE_KEYS.udp(e)] = port("udp");
    out[PROBE_KEYS.tcp(e)] = port("tcp");
    out[PROBE_KEYS.turn(e)] = turnResult();
    out[PROBE_KEYS.certPublic(e)] = auditResult(
      "public 443 (Join URL)",
      "webbridge.example.com",
      certDetail(`vcs-${e}.example.local`, { sans: [`vcs-${e}.example.local`, "webbridge.example.com"] }),
    );
  }
  for (const n of NODES)
    out[PROBE_KEYS.certManagement(n.id)] = auditResult(
      "management",
      "127.0.0.1",
      certDetail(n.name, n.role === "CMS" ? { extendedKeyUsages: ["serverAuth"] } : {}),
    );
  return out;
}

export interface Bend {
  deployment?: Partial<CheckDeployment>;
  nodes?: CheckNode[];
  /** "nodeId source" → latest() value; null removes it (never polled). */
  data?: Record<string, unknown>;
  /** "nodeId source" → reading fields, e.g. { stale: true } */
  reading?: Record<string, Partial<Omit<SourceReading, "node" | "source">>>;
  /** probe key → result; null removes it (not probed). */
  probes?: Record<string, unknown>;
  probeReading?: Record<string, Partial<Omit<ProbeReading, "key">>>;
}

/** The context's key of a bend's "nodeId source" key. */
const readingOf = (k: string) => nodeSourceKey(k.slice(0, k.indexOf(" ")), k.slice(k.indexOf(" ") + 1));

export function ctxWith(b: Bend = {}): CheckContext {
  const data = { ...healthyData(), ...b.data };
  const readings: ContextData["readings"] = {};
  for (const [k, v] of Object.entries(data))
    if (v !== null)
      readings[readingOf(k)] = {
        data: v,
        ageMs: 5000,
        stale: false,
        lastOutcome: "ok",
        lastMessage: null,
        ...b.reading?.[k],
      };
  for (const [k, v] of Object.entries(b.reading ?? {}))
    readings[readingOf(k)] ??= { data: null, ageMs: null, stale: true, lastOutcome: null, lastMessage: null, ...v };
  const probes: ContextData["probes"] = {};
  for (const [k, v] of Object.entries({ ...healthyProbes(), ...b.probes }))
    if (v !== null)
      probes[k] = {
        label: `probe ${k}`,
        result: v,
        ageMs: 2000,
        stale: false,
        ...(k.startsWith("turn:") ? { meta: { username: "cmsturn" } } : {}),
        ...b.probeReading?.[k],
      };
  for (const [k, v] of Object.entries(b.probeReading ?? {}))
    probes[k] ??= { label: `probe ${k}`, result: null, ageMs: null, stale: true, ...v };
  return makeContext({
    now: Date.parse("2026-01-01T00:01:00Z"),
    deployment: { ...DEPLOYMENT, ...b.deployment },
    nodes: b.nodes ?? NODES,
    readings,
    probes,
  });
}

import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCa, issueServerCert, type Ca } from "./certificates";
import { startControlServer, type ControlServer } from "./control-server";
import { renderGetxml, type CuilTree } from "./cuil-xml";
import { LabDnsServer } from "./dns-server";
import type { DnsView } from "./dns-zones";
import { FAULTS, faultRoles, type ActiveFault, type FaultName } from "./faults";
import { LabState, type LabListedAddresses } from "./lab-state";
import { NodeServer, type LabRouter } from "./node-server";
import { cmsApi } from "./sources/cms";
import { expresswayCConfiguration, expresswayCStatus } from "./sources/expressway-c";
import { LAB_PRODUCT } from "./sources/expressway-common";
import { expresswayEStatus } from "./sources/expressway-e";
import { TURN_USERNAME } from "./sources/cms-objects";
import { LAB_DEPLOYMENT, LAB_NODES, LAB_VERSIONS, type LabNodeSpec } from "./topology";
import { LabTurnServer, type LabTurnCredentials } from "./turn-server";

/** Realm of the lab's TURN servers: Expressway's own (T1 captures show realm TANDBERG). */
export const LAB_TURN_REALM = "TANDBERG";

export interface LabNodeInfo extends LabNodeSpec {
  url: string;
  username: string;
  password: string;
  /** Expressway-E only: its TURN server on loopback ("host:port", UDP and TCP) and the C3 credentials. */
  turn?: LabTurnCredentials & { server: string };
}

export interface Lab {
  deployment: typeof LAB_DEPLOYMENT;
  nodes: LabNodeInfo[];
  caPem: string;
  /** The lab's resolvers on loopback ("host:port", UDP and TCP): inside (Call Bridge, R9) and outside (internet, R8). */
  dns: Record<DnsView, string>;
  controlUrl: string;
  /** Largest CMS collection page the lab answers */
  cmsMaxPageSize: number;
  setFault(name: FaultName, node?: string | null): Promise<void>;
  clearFaults(name?: FaultName): Promise<void>;
  activeFaults(): ActiveFault[];
  /** Points what the lab CMS lists (Web Bridge url, Call Bridge address) elsewhere; null = back to its own address. */
  setListedAddresses(listed: Partial<LabListedAddresses> | null): void;
  stop(): Promise<void>;
}

export interface LabOptions {
  host?: string;
  /** Control API port; nodes listen on the following four ports, then each Expressway-E's TURN
   * server on one more, then the inside and the outside DNS resolver (each UDP and TCP). 0 picks
   * free ports. */
  basePort?: number;
  /** Keeps the CA and credentials across restarts (so a seeded database stays valid). */
  stateDir?: string;
  now?: () => Date;
  /** Largest CMS collection page (default 10); 1 makes every CMS collection span pages. */
  cmsMaxPageSize?: number;
}

interface Persisted {
  ca: Ca;
  username: string;
  password: string;
  /** TURN client password of the Expressway-Es (C3); absent in identity files older than the TURN servers. */
  turnPassword?: string;
}

const newSecret = () => crypto.randomBytes(12).toString("base64url");

async function loadOrCreateIdentity(stateDir?: string): Promise<Required<Persisted>> {
  const file = stateDir && path.join(stateDir, "lab-identity.json");
  const stored = file && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Persisted) : undefined;
  if (stored?.turnPassword) return stored as Required<Persisted>;
  const identity = stored
    ? { ...stored, turnPassword: newSecret() }
    : { ca: await createCa(), username: "admin", password: newSecret(), turnPassword: newSecret() };
  if (file) {
    fs.mkdirSync(stateDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(identity), { mode: 0o600 });
  }
  return identity;
}

/** How one lab node answers a request path (also used by the scale lab). */
export function routerFor(state: LabState, spec: LabNodeSpec): LabRouter {
  if (spec.role === "CMS") return (p) => cmsApi(state, spec, p);
  const trees = (): Record<string, CuilTree> =>
    spec.role === "EXPRESSWAY_E"
      ? { Status: expresswayEStatus(state, spec), Configuration: {} }
      : { Status: expresswayCStatus(state, spec), Configuration: expresswayCConfiguration(state, spec) };
  const product = { name: LAB_PRODUCT, version: LAB_VERSIONS.expressway };
  return (p) => {
    const url = new URL(p, "https://lab");
    if (url.pathname === "/status.xml") return renderGetxml(trees(), "/Status", product);
    if (url.pathname === "/getxml") return renderGetxml(trees(), url.searchParams.get("location") ?? "", product);
    return null;
  };
}

/** Starts the whole lab topology on loopback and its control API. */
export async function startLab(o: LabOptions = {}): Promise<Lab> {
  const host = o.host ?? "127.0.0.1";
  const base = o.basePort ?? 0;
  const state = new LabState({ now: o.now, cmsMaxPageSize: o.cmsMaxPageSize });
  const identity = await loadOrCreateIdentity(o.stateDir);
  const rogueCa = await createCa("Untrusted Rogue CA");

  const servers: NodeServer[] = [];
  for (const [i, spec] of LAB_NODES.entries()) {
    // Expressway-E's certificate carries the Join URL as a SAN (C2), as browsers need it.
    const joinSan = spec.role === "EXPRESSWAY_E" ? [LAB_DEPLOYMENT.joinUrl] : [];
    // Expressways present their certificate as TLS clients too (FN74362): the lab's carry clientAuth.
    const eku: ("serverAuth" | "clientAuth")[] = spec.role === "CMS" ? ["serverAuth"] : ["serverAuth", "clientAuth"];
    const own = { commonName: spec.name, dnsNames: [spec.name, "localhost", ...joinSan], ipAddresses: [host] };
    const certs = {
      normal: await issueServerCert(identity.ca, { ...own, extendedKeyUsages: eku }),
      expiring: await issueServerCert(identity.ca, { ...own, extendedKeyUsages: eku, validDays: 5 }),
      noClientAuth: await issueServerCert(identity.ca, { ...own, extendedKeyUsages: ["serverAuth"] }),
      weak: await issueServerCert(identity.ca, {
        ...own,
        extendedKeyUsages: eku,
        rsaBits: 1024,
        signatureHash: "SHA-1",
      }),
      noJoinSan: await issueServerCert(identity.ca, {
        commonName: spec.name,
        dnsNames: [spec.name, "localhost"],
        ipAddresses: [host],
        extendedKeyUsages: eku,
      }),
      untrusted: await issueServerCert(rogueCa, {
        commonName: spec.name,
        dnsNames: [spec.name, "localhost"],
        ipAddresses: [host],
        extendedKeyUsages: eku,
      }),
      mismatch: await issueServerCert(identity.ca, {
        commonName: "wrong.example.net",
        dnsNames: ["wrong.example.net"],
      }),
    };
    const server = new NodeServer({
      spec,
      state,
      router: routerFor(state, spec),
      host,
      port: base ? base + 1 + i : 0,
      username: identity.username,
      password: identity.password,
      certs,
    });
    await server.listen();
    servers.push(server);
  }

  // The CMS lists its Web Bridge and Call Bridge at its own loopback address: the certificate audit
  // handshakes what CMS lists, and probes must stay on this machine (docs/lab.md).
  const cmsUrl = new URL(servers[LAB_NODES.findIndex((n) => n.role === "CMS")]!.url);
  const ownListed: LabListedAddresses = { webBridgeUrl: `c2w://${cmsUrl.host}`, callBridgeAddress: cmsUrl.origin };
  state.listed = ownListed;

  // Each Expressway-E is also a TURN server (C3), with the credentials CMS's turnServer has (C5).
  const turnCredentials: LabTurnCredentials = {
    username: TURN_USERNAME,
    password: identity.turnPassword,
    realm: LAB_TURN_REALM,
  };
  const turnServers = new Map<string, LabTurnServer>();
  for (const [i, spec] of LAB_NODES.filter((n) => n.role === "EXPRESSWAY_E").entries()) {
    const turn = new LabTurnServer({
      spec,
      state,
      host,
      port: base ? base + 1 + LAB_NODES.length + i : 0,
      software: `TANDBERG/4352 (${LAB_VERSIONS.expressway}) Edgescope lab`,
      ...turnCredentials,
    });
    await turn.start();
    turnServers.set(spec.key, turn);
  }

  // Split DNS (R8, R9): the resolver the Call Bridge uses and the one the internet sees.
  const dnsBase = base ? base + 1 + LAB_NODES.length + turnServers.size : 0;
  const dnsServers = (["inside", "outside"] as const).map(
    (view, i) => new LabDnsServer({ view, state, host, port: dnsBase ? dnsBase + i : 0 }),
  );
  for (const d of dnsServers) await d.start();

  const applyAll = () =>
    Promise.all([...servers, ...turnServers.values()].map((s) => s.applyFaults())).then(() => undefined);
  const turnOf = (key: string) => {
    const t = turnServers.get(key);
    return t ? { turn: { ...turnCredentials, server: t.server } } : {};
  };
  const lab: Lab = {
    deployment: LAB_DEPLOYMENT,
    nodes: LAB_NODES.map((spec, i) => ({
      ...spec,
      url: servers[i]!.url,
      username: identity.username,
      password: identity.password,
      ...turnOf(spec.key),
    })),
    caPem: identity.ca.certPem,
    dns: { inside: dnsServers[0]!.resolver, outside: dnsServers[1]!.resolver },
    controlUrl: "",
    cmsMaxPageSize: state.cmsMaxPageSize,
    async setFault(name, node = null) {
      const target = node === null ? null : LAB_NODES.find((n) => n.key === node);
      if (target === undefined) throw new Error(`unknown node "${node}"`);
      if (target && FAULTS[name].kind === "dns")
        throw new Error(`fault "${name}" is about the lab's DNS resolvers, not a node: give no node`);
      const roles = faultRoles(name);
      if (target && roles && !roles.includes(target.role))
        throw new Error(`fault "${name}" is about ${roles.join(" or ")} nodes, not ${target.key}`);
      state.setFault(name, node);
      await applyAll();
    },
    async clearFaults(name) {
      state.clearFault(name);
      await applyAll();
    },
    activeFaults: () => state.activeFaults(),
    setListedAddresses(listed) {
      state.listed = listed ? { ...(state.listed ?? ownListed), ...listed } : ownListed;
    },
    async stop() {
      await control.close();
      await Promise.all([...servers, ...turnServers.values(), ...dnsServers].map((s) => s.close()));
    },
  };
  const control: ControlServer = await startControlServer(lab, host, base);
  lab.controlUrl = control.url;
  return lab;
}

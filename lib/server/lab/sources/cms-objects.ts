import "server-only";
import { labUuid } from "../lab-ids";
import type { LabState } from "../lab-state";
import { LAB_DEPLOYMENT, LAB_NODES, LAB_VERSIONS } from "../topology";

// The Meeting Server's objects, derived from the lab topology and the faults switched on, so
// CMS always agrees with the Expressways: one turnServer per Expressway-E (C5), one Web Bridge
// at the Join URL, one Call Bridge.

export const TURN_USERNAME = "cmsturn";
/** CMS version that breaks R1 against X12.6.1+ Expressways. */
export const MISMATCHED_CMS_VERSION = "2.9.1";

const CMS = LAB_NODES.find((n) => n.role === "CMS")!;
const E_NODES = LAB_NODES.filter((n) => n.role === "EXPRESSWAY_E");

export interface LabTurnServer {
  id: string;
  eKey: string;
  serverAddress: string;
  clientAddress: string;
  username: string;
  type: string;
  tcpPortNumberOverride: number;
}

export const turnServerId = (eKey: string) => labUuid(`turnServer-${eKey}`);

export function turnServers(state: LabState): LabTurnServer[] {
  return E_NODES.filter((e) => !state.has("turnserver-missing", e.key)).map((e) => ({
    id: turnServerId(e.key),
    eKey: e.key,
    serverAddress: state.has("turnserver-public-server-address", e.key) ? e.publicAddress! : e.privateAddress!,
    clientAddress: e.publicAddress!,
    username: TURN_USERNAME,
    type: state.has("turnserver-type-standard", e.key) ? "standard" : "expressway",
    tcpPortNumberOverride: 3478,
  }));
}

/** A turnServer status <host> in Cisco's documented names (ciscocms/apiary [C]). */
export interface LabTurnHost {
  address: string;
  portNumber: number;
  reachable: "true" | "false";
  roundTripTimeMs?: number;
  mappedAddress?: string;
  mappedPortNumber?: number;
  numAllocations: number;
}

/** Whether the Call Bridge reaches this TURN server: it talks to the private address (R7) while TURN is Active (R4). */
export function turnReachable(state: LabState, t: LabTurnServer): boolean {
  const e = E_NODES.find((x) => x.key === t.eKey);
  return !state.has("turn-inactive", t.eKey) && t.serverAddress === e?.privateAddress;
}

/** What CMS sees of one TURN server: an RTT and allocations only when the Call Bridge reaches it. */
export function turnHosts(state: LabState, t: LabTurnServer, random: () => number = Math.random): LabTurnHost[] {
  const index = E_NODES.findIndex((e) => e.key === t.eKey);
  // reachable=false has no RTT by definition (apiary).
  if (!turnReachable(state, t))
    return [{ address: t.serverAddress, portNumber: 3478, reachable: "false", numAllocations: 0 }];
  const relays = state.relays.get(t.eKey)?.current ?? 0;
  return [
    {
      address: t.serverAddress,
      portNumber: 3478,
      reachable: "true",
      roundTripTimeMs: Math.max(1, Math.round(2 + index * 1.5 + (random() - 0.5) * 2)), // a few ms on a LAN, varying
      mappedAddress: CMS.privateAddress!,
      mappedPortNumber: 50_100 + index,
      numAllocations: Math.round(relays / 10),
    },
  ];
}

export const callBridges = (state: LabState) => [
  {
    id: labUuid("callBridge-cms1"),
    name: "cms1",
    address: state.listed?.callBridgeAddress ?? `https://${CMS.privateAddress}:445`,
    sipDomain: LAB_DEPLOYMENT.callBridgeDomain,
  },
];

/** A peer Call Bridge the cms-alarms fault says is unreachable (a GUID, as the alarm parameter is). */
export const PEER_CALL_BRIDGE_ID = labUuid("callBridge-peer");

// Web Bridge status in Cisco's words (unused | success | connectionFailure | dnsFailure [C]):
// connectionFailure while the cms-alarms fault says the Call Bridge cannot reach it over C2W.
export const webBridges = (state: LabState) => [
  {
    id: labUuid("webBridge-cms1"),
    // CMS 3.x: the Call Bridge reaches webbridge3 over c2w, in real deployments at the Join URL (T2).
    url: state.listed?.webBridgeUrl ?? `c2w://${LAB_DEPLOYMENT.joinUrl}:9999`,
    resourceArchive: "",
    status: { status: state.has("cms-alarms", CMS.key) ? "connectionFailure" : "success" },
  },
];

/** Active alarms with Cisco's documented types and parameters (ciscocms/apiary [C]). */
export function alarms(
  state: LabState,
): { id: string; type: string; activeTimeSeconds: number; [parameter: string]: string | number }[] {
  const active = state.uptimeSeconds();
  // A real Call Bridge raises turnServerUnavailable, naming the turnServer, for each one it cannot contact.
  const turn = turnServers(state)
    .filter((t) => !turnReachable(state, t))
    .map((t) => ({
      id: labUuid(`alarm-turn-${t.eKey}`),
      type: "turnServerUnavailable",
      activeTimeSeconds: active,
      turnServer: t.id,
    }));
  const c2w = { id: labUuid("alarm-c2w"), type: "c2wConnectionFailure", activeTimeSeconds: active };
  // c2w-failure: the T2 alarm alone, so the verdict can be seen to follow it.
  if (!state.has("cms-alarms", CMS.key)) return state.has("c2w-failure", CMS.key) ? [...turn, c2w] : turn;
  return [
    ...turn,
    c2w,
    {
      id: labUuid("alarm-peer"),
      type: "callBridgeConnectionFailure",
      activeTimeSeconds: active,
      callBridge: PEER_CALL_BRIDGE_ID,
    },
  ];
}

export function systemStatus(state: LabState) {
  return {
    softwareVersion: state.has("version-mismatch", CMS.key) ? MISMATCHED_CMS_VERSION : LAB_VERSIONS.cms,
    uptimeSeconds: state.uptimeSeconds(),
    activated: "true",
    clusterEnabled: "false",
    callLegsActive: [...state.relays.values()].reduce((n, r) => n + Math.round(r.current / 4), 0),
  };
}

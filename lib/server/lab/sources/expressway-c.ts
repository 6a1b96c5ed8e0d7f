import "server-only";
import { ALLOWLIST_AUTO, WEB_BRIDGE_RULE_DESCRIPTION } from "@/lib/domain/sources/expressway-c-allowlist-auto";
import { CMS_RESOLVED, CMS_SETTINGS } from "@/lib/domain/sources/expressway-c-cms-settings";
import { TUNNELS, TUNNEL_ACTIVE, TUNNEL_INACTIVE } from "@/lib/domain/sources/expressway-c-tunnels";
import { mergeTrees, treeAt, type CuilTree } from "../cuil-xml";
import type { LabState } from "../lab-state";
import { LAB_DEPLOYMENT, LAB_NODES, type LabNodeSpec } from "../topology";
import { callsUsageTree, systemUnitTree, warningsTree } from "./expressway-common";

// Expressway-C: SSH tunnels to both Expressway-E nodes (V3), the automatic allow-list rules (V2),
// the Meeting Server page (C1/V1). Element names come from the source modules in lib/domain/sources (shapes [I]).

/** What a wrong Guest account client URI looks like: a plausible typo that does not resolve. */
export const WRONG_GUEST_URI = "join.example.com";
const WEB_BRIDGE_METHODS = ["GET", "POST", "PUT", "HEAD", "DELETE"];

function guestUri(state: LabState, node: LabNodeSpec): string {
  return state.has("wrong-guest-uri", node.key) ? WRONG_GUEST_URI : LAB_DEPLOYMENT.joinUrl;
}
const proxyOn = (state: LabState, node: LabNodeSpec) => !state.has("web-proxy-disabled", node.key);

function tunnels(state: LabState, node: LabNodeSpec): CuilTree[] {
  // The UC (MRA) domain always; the Web Bridge domain only while the web proxy is on.
  const domains = [LAB_DEPLOYMENT.callBridgeDomain, ...(proxyOn(state, node) ? [guestUri(state, node)] : [])];
  return LAB_NODES.filter((n) => n.role === "EXPRESSWAY_E").flatMap((e) =>
    domains.map((domain) => ({
      [TUNNELS.target]: e.name,
      [TUNNELS.domain]: domain,
      [TUNNELS.status]: state.has("tunnel-inactive", e.key) ? TUNNEL_INACTIVE : TUNNEL_ACTIVE,
    })),
  );
}

function autoRules(state: LabState, node: LabNodeSpec): CuilTree[] {
  if (!proxyOn(state, node)) return [];
  const protocols = state.has("wss-rule-missing", node.key) ? ["https"] : ["https", "wss"];
  const a = ALLOWLIST_AUTO;
  return protocols.map((protocol) => ({
    [a.description]: WEB_BRIDGE_RULE_DESCRIPTION,
    [a.protocol]: protocol,
    [a.port]: 443,
    [a.matchType]: "Prefix",
    [a.path]: "/",
    [a.methods]: { [a.method]: WEB_BRIDGE_METHODS },
  }));
}

function resolved(state: LabState, node: LabNodeSpec): CuilTree[] {
  if (!proxyOn(state, node)) return [];
  const name = guestUri(state, node);
  const cms = LAB_NODES.find((n) => n.role === "CMS");
  // Inside DNS points the Join URL at the Web Bridge (R9); the wrong URI resolves to nothing.
  const entry: CuilTree = { [CMS_RESOLVED.name]: name };
  if (name === LAB_DEPLOYMENT.joinUrl && cms?.privateAddress) entry[CMS_RESOLVED.address] = cms.privateAddress;
  return [entry];
}

const entries = (entry: string, list: CuilTree[]) => (list.length ? { [entry]: list } : {});

export function expresswayCStatus(state: LabState, node: LabNodeSpec): CuilTree {
  return mergeTrees(
    systemUnitTree(state),
    warningsTree(state, node),
    callsUsageTree(state, node),
    treeAt(TUNNELS.location, entries(TUNNELS.entry, tunnels(state, node))),
    treeAt(ALLOWLIST_AUTO.location, entries(ALLOWLIST_AUTO.entry, autoRules(state, node))),
    treeAt(CMS_RESOLVED.location, entries(CMS_RESOLVED.entry, resolved(state, node))),
  );
}

export function expresswayCConfiguration(state: LabState, node: LabNodeSpec): CuilTree {
  // An empty configuration tree: getxml answers the documented <Fault><XPathError> for the location.
  if (state.has("cms-settings-unavailable", node.key)) return {};
  const s = CMS_SETTINGS;
  return treeAt(s.location, {
    [s.webProxy]: { [s.webProxyMode]: proxyOn(state, node) ? "On" : "Off" },
    [s.guestAccountClientUri]: guestUri(state, node),
  });
}

import "server-only";
import { mergeTrees, type CuilTree } from "../cuil-xml";
import type { LabState } from "../lab-state";
import type { LabNodeSpec } from "../topology";
import { callsUsageTree, systemUnitTree, warningsTree } from "./expressway-common";

export const RELAYS_NEAR_CAPACITY = 1750;

// Expressway-E status tree (shapes of api-formats.md §4a; TURN subtrees confirmed [C]).
export function expresswayEStatus(state: LabState, node: LabNodeSpec): CuilTree {
  const counter = state.relays.get(node.key);
  counter?.advance(state.now());
  // relays-near-capacity: 1750 relays, past 95 % of a Small/Medium Expressway-E's 1800 (docs/capacity.md).
  const current = state.has("relays-near-capacity", node.key) ? RELAYS_NEAR_CAPACITY : (counter?.current ?? 0);
  const udp = Math.round(current * 0.9);
  return mergeTrees(systemUnitTree(state), warningsTree(state, node), callsUsageTree(state, node), {
    ResourceUsage: {
      TURN: {
        Relays: { Current: current, Max: counter?.peak ?? 0, Total: counter?.total ?? 0 },
        Ports: { Count: 1 },
        Port: [{ Port: 3478, Count: current, UDP: udp, TCP: current - udp }],
        ProtocolMode: "Both",
      },
    },
    TURN: {
      Server: { Status: state.has("turn-inactive", node.key) ? "Inactive" : "Active", MediaForwardingFrameworks: 1 },
    },
    CollaborationEdge: { Tunnels: {}, CMSs: {}, HTTPAllowListAuto: {} },
  });
}

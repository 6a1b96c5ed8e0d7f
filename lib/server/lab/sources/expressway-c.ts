import "server-only";
import type { CuilTree } from "../cuil-xml";
import type { LabState } from "../lab-state";
import type { LabNodeSpec } from "../topology";

// Expressway-C status tree; the collaboration-edge subtrees arrive with the collectors issue.
export function expresswayCStatus(_state: LabState, _node: LabNodeSpec): CuilTree {
  return { CollaborationEdge: { Tunnels: {}, CMSs: {}, HTTPAllowListAuto: {} } };
}

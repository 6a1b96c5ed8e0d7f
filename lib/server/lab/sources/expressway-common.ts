import "server-only";
import { SYSTEM_UNIT } from "@/lib/domain/sources/expressway-system";
import { WARNINGS } from "@/lib/domain/sources/expressway-alarms";
import { CALLS_USAGE, LICENSED } from "@/lib/domain/sources/expressway-call-licences";
import { mergeTrees, treeAt, type CuilTree } from "../cuil-xml";
import { labUuid } from "../lab-ids";
import type { LabState } from "../lab-state";
import { LAB_VERSIONS, type LabNodeSpec } from "../topology";

// Subtrees every lab Expressway serves: SystemUnit (version, uptime, licensed call counts),
// Warnings (alarms) and ResourceUsage/Calls (calls in use).

export const LAB_PRODUCT = "TANDBERG VCS"; // what the real X8.11.3 sample says, on C and E alike

export function systemUnitTree(state: LabState): CuilTree {
  const f = SYSTEM_UNIT;
  return treeAt(
    f.location,
    mergeTrees(
      treeAt(f.product, LAB_PRODUCT),
      treeAt(f.uptimeSeconds, state.uptimeSeconds()),
      treeAt(f.version, LAB_VERSIONS.expressway),
      treeAt(f.build, `lab_${LAB_VERSIONS.expressway.toLowerCase()}`),
      treeAt(f.releaseDate, "2025-06-30"),
      treeAt(LICENSED.location.slice(f.location.length + 1), {
        [LICENSED.kinds.traversal]: LAB_LICENSED.traversal,
        [LICENSED.kinds.nonTraversal]: LAB_LICENSED.nonTraversal,
      }),
    ),
  );
}

export function warningsTree(state: LabState, node: LabNodeSpec): CuilTree {
  const warnings = state.has("expressway-alarms", node.key)
    ? [
        {
          [WARNINGS.id]: labUuid(`warning-ntp-${node.key}`),
          [WARNINGS.reason]: "NTP server not available - The system is unable to contact an NTP server",
          [WARNINGS.state]: "Unacknowledged",
        },
        {
          [WARNINGS.id]: labUuid(`warning-cert-${node.key}`),
          [WARNINGS.reason]: "Security alert - The server certificate expires in less than 30 days",
          [WARNINGS.state]: "Acknowledged",
        },
      ]
    : [];
  return treeAt(WARNINGS.location, warnings.length ? { [WARNINGS.entry]: warnings } : {});
}

/** Licensed call counts the lab reports (real boxes: option keys; the X8.11.3 sample says 1 and 1). */
export const LAB_LICENSED = { traversal: 50, nonTraversal: 100 } as const;

// call-licences-full: every licensed traversal call in use, so the next one would be refused.
export function callsUsageTree(state: LabState, node: LabNodeSpec): CuilTree {
  const full = state.has("call-licences-full", node.key);
  const kind = (current: number, peak: number, total: number) => ({
    [CALLS_USAGE.current]: current,
    [CALLS_USAGE.peak]: peak,
    Total: total,
  });
  return treeAt(CALLS_USAGE.location, {
    [CALLS_USAGE.kinds.traversal]: full ? kind(LAB_LICENSED.traversal, LAB_LICENSED.traversal, 90) : kind(2, 6, 40),
    [CALLS_USAGE.kinds.nonTraversal]: kind(1, 3, 12),
    CollaborationEdge: kind(0, 4, 25),
  });
}

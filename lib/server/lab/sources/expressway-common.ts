import "server-only";
import { SYSTEM_UNIT } from "@/lib/domain/sources/expressway-system";
import { WARNINGS } from "@/lib/domain/sources/expressway-alarms";
import { mergeTrees, treeAt, type CuilTree } from "../cuil-xml";
import { labUuid } from "../lab-ids";
import type { LabState } from "../lab-state";
import { LAB_VERSIONS, type LabNodeSpec } from "../topology";

// Subtrees every lab Expressway serves: SystemUnit (version, uptime) and Warnings (alarms).

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

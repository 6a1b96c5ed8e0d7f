import "server-only";
import type { LabState } from "../lab-state";
import { LAB_VERSIONS, type LabNodeSpec } from "../topology";

// Meeting Server API (/api/v1, XML). Answers the body for a path, or null for 404.
export function cmsApi(_state: LabState, _node: LabNodeSpec, path: string): string | null {
  if (path === "/api/v1/system/status") {
    return `<?xml version="1.0"?><status><softwareVersion>${LAB_VERSIONS.cms}</softwareVersion><uptimeSeconds>86400</uptimeSeconds><activated>true</activated><clusterEnabled>false</clusterEnabled><callLegsActive>0</callLegsActive></status>`;
  }
  return null;
}

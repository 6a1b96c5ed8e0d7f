import { cmsApi } from "@/lib/server/lab/sources/cms";
import { renderGetxml } from "@/lib/server/lab/cuil-xml";
import type { FaultName } from "@/lib/server/lab/faults";
import { LabState } from "@/lib/server/lab/lab-state";
import { expresswayCConfiguration, expresswayCStatus } from "@/lib/server/lab/sources/expressway-c";
import { expresswayEStatus } from "@/lib/server/lab/sources/expressway-e";
import { LAB_NODES, LAB_VERSIONS } from "@/lib/server/lab/topology";

// What the lab serves, rendered without sockets, for parser unit tests.

export const NS = 'xmlns="http://www.tandberg.no/XML/CUIL/1.0"';
export const labNode = (key: string) => LAB_NODES.find((n) => n.key === key)!;

/** A lab state (fixed clock: a Tuesday mid-morning) with the given faults switched on. */
export function labState(faults: [FaultName, string | null][] = [], cmsMaxPageSize?: number): LabState {
  const state = new LabState({ now: () => new Date("2026-11-24T10:30:00Z"), cmsMaxPageSize });
  for (const [name, node] of faults) state.setFault(name, node);
  return state;
}

/** The getxml answer of a lab Expressway node for `location`. */
export function labGetxml(state: LabState, key: string, location: string): string {
  const spec = labNode(key);
  const trees =
    spec.role === "EXPRESSWAY_C"
      ? { Status: expresswayCStatus(state, spec), Configuration: expresswayCConfiguration(state, spec) }
      : { Status: expresswayEStatus(state, spec), Configuration: {} };
  return renderGetxml(trees, location, { name: "TANDBERG VCS", version: LAB_VERSIONS.expressway });
}

/** The lab CMS's answer body for a path (throws on a non-200 answer). */
export function labCms(state: LabState, pathAndQuery: string): string {
  const a = cmsApi(state, labNode("cms1"), pathAndQuery);
  if (a === null) throw new Error(`lab CMS has no ${pathAndQuery}`);
  if (typeof a !== "string") throw new Error(`lab CMS answered ${a.status} for ${pathAndQuery}: ${a.body}`);
  return a;
}

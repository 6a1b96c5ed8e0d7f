import "server-only";
import { CLUSTER_CONFIG, CMS_CAPACITY_API, DATABASE, LICENSING, LOAD } from "@/lib/domain/sources/cms-capacity";
import type { LabState } from "../lab-state";
import type { LabNodeSpec } from "../topology";

// The Meeting Server's capacity and licence endpoints in the shapes Cisco's API blueprint
// (ciscocms/apiary) documents, bent by the faults cms-licence-grace, cms-db-node-down and
// cms-load-high. Where the blueprint shows no example body (clusterLicensing, a clustered
// database) the layout here is our reading [I], kept in this one place.

/** The lab Call Bridge's loadLimit (Cisco's example leaves it empty; the lab sets one so it can be compared). */
export const LAB_LOAD_LIMIT = 1000;
/** Normal load, and the load the cms-load-high fault reports: 90 % of the limit, past the 80 % reject level. */
export const LAB_LOAD = { normal: 120, high: 900 } as const;
export const LAB_DB_REPLICA = "cms-db2.example.local";

const DAY_MS = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Cisco's example writes expiry as "2022-Aug-08". */
const cmsDate = (d: Date) =>
  `${d.getUTCFullYear()}-${MONTHS[d.getUTCMonth()]}-${String(d.getUTCDate()).padStart(2, "0")}`;
const doc = (body: string) => `<?xml version="1.0"?>\n${body}`;
const feature = (name: string, status: string, expiry?: Date) =>
  `<${name}><${LICENSING.status}>${status}</${LICENSING.status}>${expiry ? `<${LICENSING.expiry}>${cmsDate(expiry)}</${LICENSING.expiry}>` : ""}</${name}>`;

export function cmsCapacityApi(state: LabState, node: LabNodeSpec, path: string): string | null {
  const now = state.now().getTime();
  if (path === CMS_CAPACITY_API.load) {
    const load = state.has("cms-load-high", node.key) ? LAB_LOAD.high : LAB_LOAD.normal;
    return doc(`<${LOAD.root}><${LOAD.mediaProcessingLoad}>${load}</${LOAD.mediaProcessingLoad}></${LOAD.root}>`);
  }
  if (path === CMS_CAPACITY_API.clusterConfig) {
    const c = CLUSTER_CONFIG;
    return doc(
      `<${c.root}><uniqueName/><maxPeerVideoStreams/><participantLimit/><${c.loadLimit}>${LAB_LOAD_LIMIT}</${c.loadLimit}><${c.newConferenceLoadLimitBasisPoints}>5000</${c.newConferenceLoadLimitBasisPoints}><${c.existingConferenceLoadLimitBasisPoints}>8000</${c.existingConferenceLoadLimitBasisPoints}></${c.root}>`,
    );
  }
  if (path === CMS_CAPACITY_API.licensing) {
    const year = new Date(now + 200 * DAY_MS);
    const grace = state.has("cms-licence-grace", node.key);
    return doc(
      `<${LICENSING.root}><${LICENSING.features}>${feature("callBridge", grace ? "grace" : "activated", grace ? new Date(now - 3 * DAY_MS) : year)}${feature("callBridgeNoEncryption", "noLicense")}${feature("webBridge", "activated", year)}${feature("turn", "activated", year)}${feature("recording", "noLicense")}</${LICENSING.features}></${LICENSING.root}>`,
    );
  }
  if (path === CMS_CAPACITY_API.clusterLicensing) {
    // Never more than 90 days ahead (apiary note); 80 keeps it outside the 30-day warning.
    const soon = new Date(now + 80 * DAY_MS);
    return doc(
      `<${LICENSING.clusterRoot}><${LICENSING.features}>${feature("callBridge", "activated", soon)}${feature("recording", "noLicense")}</${LICENSING.features}></${LICENSING.clusterRoot}>`,
    );
  }
  if (path === CMS_CAPACITY_API.database) {
    const d = DATABASE;
    const down = state.has("cms-db-node-down", node.key);
    const n = (host: string, up: boolean, behind: number, master: boolean) =>
      `<${d.node} ${d.hostname}="${host}" ${d.up}="${up}" ${d.syncBehind}="${behind}" ${d.master}="${master}"/>`;
    return doc(
      `<${d.root} ${d.clustered}="enabled"><${d.cluster}><${d.totalNodes}>2</${d.totalNodes}><${d.nodeInUse}>${node.name}</${d.nodeInUse}>${n(node.name, true, 0, true)}${n(LAB_DB_REPLICA, !down, down ? -1 : 0, false)}</${d.cluster}></${d.root}>`,
    );
  }
  return null;
}

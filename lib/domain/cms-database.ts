// CMS database cluster (ciscocms/apiary "Retrieving System Database Status"): <database
// clustered="enabled|disabled">; when clustered, a cluster element with totalNodes, nodeInUse (the
// master), an optional error, and node entries with attributes hostname, up (true|false: visible
// from this Call Bridge), syncBehind (bytes behind the master; 0 in sync, -1 unknown) and master.

export interface DbNode {
  hostname: string;
  up: boolean | null;
  /** Bytes behind the master; 0 in sync; -1 cannot be calculated; null when absent. */
  syncBehind: number | null;
  master: boolean | null;
}

export interface DbCluster {
  clustered: boolean;
  totalNodes: number | null;
  nodeInUse: string | null;
  error: string | null;
  nodes: DbNode[];
}

/**
 * Bytes a replica may lag before it counts as out of sync. CMS streams continuously; a replica a
 * megabyte behind has stopped following rather than being a moment late.
 */
export const DB_SYNC_BEHIND_LIMIT_BYTES = 1_048_576;

export interface DbFinding {
  status: "warn" | "fail";
  message: string;
}

export function databaseFindings(db: DbCluster): DbFinding[] {
  if (!db.clustered) return [];
  const out: DbFinding[] = [];
  if (db.error) out.push({ status: "fail", message: `database cluster error: ${db.error}` });
  for (const n of db.nodes) {
    if (n.up === false)
      out.push({ status: "fail", message: `${n.hostname} is down (not visible from this Call Bridge)` });
    else if (n.syncBehind !== null && n.syncBehind > DB_SYNC_BEHIND_LIMIT_BYTES)
      out.push({ status: "fail", message: `${n.hostname} is ${n.syncBehind} bytes behind the master (out of sync)` });
    else if (n.syncBehind === -1 && n.master !== true)
      out.push({ status: "warn", message: `${n.hostname}: sync state cannot be calculated (syncBehind -1)` });
  }
  if (!db.nodes.some((n) => n.master === true))
    out.push({ status: "fail", message: "no node reports itself as the master" });
  if (db.totalNodes !== null && db.nodes.length < db.totalNodes)
    out.push({ status: "fail", message: `${db.totalNodes} nodes configured, ${db.nodes.length} listed` });
  return out;
}

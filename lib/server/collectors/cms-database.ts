import "server-only";
import type { DbCluster, DbNode } from "@/lib/domain/cms-database";
import { CMS_CAPACITY_API, DATABASE } from "@/lib/domain/sources/cms-capacity";
import * as source from "@/lib/domain/sources/cms-database";
import { parseCmsDocument } from "@/lib/server/parsing/cms-xml";
import type { XmlElement } from "@/lib/server/parsing/xml";
import { fail, ok, type Result } from "@/lib/server/transport/failure";
import { getCmsParsed } from "./cms-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS database cluster (GET /api/v1/system/database [C]: clustered attribute; cluster with
// totalNodes, nodeInUse, error; node entries with hostname/up/syncBehind/master). Cisco documents
// the node fields as attributes; where they come as child elements instead we read those too [I].

const bool = (v: string | undefined) => (v === "true" ? true : v === "false" ? false : null);
const int = (v: string | undefined) => (v !== undefined && /^-?\d+$/.test(v.trim()) ? Number(v) : null);
const field = (el: XmlElement, name: string) => el.attr(name) ?? el.textAt(name);

export function parseDatabase(xml: string): Result<DbCluster> {
  const doc = parseCmsDocument(xml, DATABASE.root);
  if (!doc.ok) return doc;
  const root = doc.value;
  const clustered = field(root, DATABASE.clustered);
  if (clustered !== "enabled" && clustered !== "disabled")
    return fail("parse", `/database: clustered is ${JSON.stringify(clustered)}, expected enabled or disabled`, {
      path: "/database/@clustered",
    });
  const cluster = root.descendants(DATABASE.cluster)[0] ?? root;
  const nodes: DbNode[] = root.descendants(DATABASE.node).map((n) => ({
    hostname: field(n, DATABASE.hostname) ?? n.text() ?? "",
    up: bool(field(n, DATABASE.up)),
    syncBehind: int(field(n, DATABASE.syncBehind)),
    master: bool(field(n, DATABASE.master)),
  }));
  return ok({
    clustered: clustered === "enabled",
    totalNodes: int(cluster.textAt(DATABASE.totalNodes)),
    nodeInUse: cluster.textAt(DATABASE.nodeInUse) || null,
    error: cluster.textAt(DATABASE.error) || null,
    nodes: sortedBy(nodes, (n) => n.hostname),
  });
}

const SOURCE = source.id;
export const cmsDatabase = defineCollector<DbCluster, source.Id>({
  id: SOURCE,
  area: "cms",
  title: "Database cluster",
  roles: ["CMS"],
  domainIds: ["R3"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  collect: ({ endpoint }) => getCmsParsed(endpoint, CMS_CAPACITY_API.database, parseDatabase),
  ...snapshotStorage<DbCluster>(SOURCE),
});

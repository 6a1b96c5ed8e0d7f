import type { DbCluster } from "../cms-database";
import type { SnapshotLatest } from "./snapshot";

// CMS database cluster (R3; docs/capacity.md). Wire format: ./cms-capacity.ts; what the fields
// mean (nodes down, sync behind): lib/domain/cms-database.ts.
export const id = "cms.database";
export type Id = typeof id;

export type Latest = SnapshotLatest<DbCluster>;

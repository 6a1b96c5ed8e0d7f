import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { databaseFindings } from "@/lib/domain/cms-database";
import { SOURCES } from "@/lib/domain/sources";
import { cmsReadings } from "./cms-readings";
import { ev } from "./support";
import { defineCheck } from "./types";

// R3: CMS database cluster (system/database [C]): a node down or out of sync means the Call
// Bridges work from stale or no configuration (Cisco's alarms databaseConnectionError and
// databaseClusternodeOutofSync say the same).
export const cmsDatabaseCheck = defineCheck({
  id: "cms-database",
  domainIds: ["R3"],
  title: "Meeting Server database cluster is up and in sync",
  area: "cms",
  evaluate(ctx) {
    const cms = cmsReadings(ctx, SOURCES.cmsDatabase);
    if (!Array.isArray(cms)) return cms;
    const evidence: CheckEvidence[] = [];
    const fails: string[] = [];
    const warns: string[] = [];
    for (const r of cms) {
      const db = r.data!.content;
      evidence.push(
        ev(
          r,
          "database",
          db.clustered
            ? db.nodes
                .map(
                  (n) =>
                    `${n.hostname}: ${n.up === false ? "down" : "up"}, syncBehind ${n.syncBehind ?? "?"}${n.master ? ", master" : ""}`,
                )
                .join("; ") || "clustered, no nodes listed"
            : "not clustered",
        ),
      );
      for (const f of databaseFindings(db)) (f.status === "fail" ? fails : warns).push(`${r.node.name}: ${f.message}`);
    }
    const fix = [
      "On the MMP of the node that is down: `database cluster status`; bring its host back, then `database cluster join <master>` if it left the cluster.",
      "A replica far behind: check the network between the database nodes (TCP 5432) and the master's disk; `database cluster status` shows the replication state.",
    ];
    if (fails.length) return { status: "fail", summary: `${fails.join("; ")}.`, evidence, fix };
    if (warns.length) return { status: "warn", summary: `${warns.join("; ")}.`, evidence, fix };
    return { status: "pass", summary: "The database cluster is up and in sync (or not clustered).", evidence, fix: [] };
  },
});

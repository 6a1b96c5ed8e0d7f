import "server-only";
import type { Env } from "@/lib/env";
import type { BoardResponse, BoardTile, RelayLatest } from "@/lib/domain/api-types";
import { areasNeedingSince, boardAreas, sortTiles, type CheckOnBoard, type SourceWithSince } from "@/lib/domain/board";
import { STALE_AFTER_INTERVALS } from "@/lib/domain/freshness";
import { worstOf } from "@/lib/domain/source-health";
import type { Db } from "@/lib/server/db/client";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "@/lib/server/checks/probe-runner";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import { getDeploymentStatus } from "@/lib/server/deployments/deployment-status";
import { getCheckChanges } from "./check-history";

/** Start of the current failing streak: the first failed poll after the last successful one. */
async function failingSince(db: Db, nodeId: string, source: string): Promise<string | null> {
  const lastOk = await db.pollRun.findFirst({ where: { nodeId, source, outcome: "ok" }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
  const first = await db.pollRun.findFirst({
    where: { nodeId, source, outcome: { not: "ok" }, ...(lastOk ? { startedAt: { gt: lastOk.startedAt } } : {}) },
    orderBy: { startedAt: "asc" },
    select: { startedAt: true },
  });
  return first?.startedAt.toISOString() ?? null;
}

/** One deployment's tile: its status read once, the checks evaluated on that same reading. */
async function getTile(db: Db, env: Env, box: SecretBox, id: string, now: Date): Promise<BoardTile> {
  const status = await getDeploymentStatus(db, env, id, now);
  const sources: SourceWithSince[] = await Promise.all(
    status.nodes.flatMap((node) =>
      node.sources.map(async (source) => ({
        node,
        source,
        failingSince: source.lastRun && source.lastRun.outcome !== "ok" ? await failingSince(db, node.id, source.source) : null,
      })),
    ),
  );
  // Cached probe results only: a wall screen refreshing every 10 s must never send probes. The
  // checks read the status loaded above (same instant), not the latest data a second time.
  const { checks } = await getDeploymentChecks(db, env, box, id, { probes: "cached", runner: getProbeRunner(), now: () => now.getTime(), status });
  // "Since" of a non-green area needs the recorded history of every check in it (green has none).
  const needed = areasNeedingSince(sources, checks);
  const changes = await getCheckChanges(db, id, checks.filter((c) => needed.has(c.area)).map((c) => c.id));
  const onBoard: CheckOnBoard[] = checks.map((c) => ({ ...c, history: changes.get(c.id)?.changes, historyCut: changes.get(c.id)?.cut }));
  const areas = boardAreas(sources, (interval) => STALE_AFTER_INTERVALS * interval, onBoard, now.getTime());
  const ages = sources.map((s) => s.source.ageMs);
  return {
    id,
    name: status.deployment.name,
    joinUrl: status.deployment.joinUrl,
    health: areas.length ? worstOf(areas.map((a) => a.health)) : "unknown",
    areas,
    oldestAgeMs: ages.includes(null) || !ages.length ? null : Math.max(...(ages as number[])),
    relays: status.nodes.filter((n) => n.role === "EXPRESSWAY_E").map((n) => ({
      nodeId: n.id,
      name: n.name,
      current: (n.sources.find((s) => s.area === "turn-relays")?.latest as RelayLatest | null)?.current ?? null,
    })),
    insecureNodes: status.nodes.filter((n) => n.tlsInsecure).map((n) => n.name),
  };
}

/** Every deployment as a NOC tile: health per area, since when, data age; worst first. */
export async function getBoard(db: Db, env: Env, box: SecretBox, now = new Date()): Promise<BoardResponse> {
  const deployments = await db.deployment.findMany({ select: { id: true } });
  const tiles = await Promise.all(deployments.map(({ id }) => getTile(db, env, box, id, now)));
  return { generatedAt: now.toISOString(), tiles: sortTiles(tiles) };
}

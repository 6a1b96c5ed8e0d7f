import "server-only";
import type { Env } from "@/lib/env";
import type { BoardResponse, BoardTile, DeploymentStatus } from "@/lib/domain/api-types";
import { findSource, SOURCES } from "@/lib/domain/sources";
import { areasNeedingSince, boardAreas, sortTiles, type CheckOnBoard, type SourceWithSince } from "@/lib/domain/board";
import type { CheckResult } from "@/lib/domain/checks";
import { STALE_AFTER_INTERVALS } from "@/lib/domain/freshness";
import { nodeSourceKey } from "@/lib/domain/keys";
import { worstOf } from "@/lib/domain/source-health";
import type { Db } from "@/lib/server/db/client";
import { evaluateDeployments } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import { getCheckChanges, type CheckHistory } from "@/lib/server/checks/check-states";
import { getFailingSince } from "./failing-since";

// Every wall screen asks every 10 s, so the board reads every deployment in one batch: the
// deployments with their nodes, the status of all of them, the start of every failing streak and
// the check history behind every non-green area — a number of statements that does not grow with
// the deployments. The checks are evaluated per deployment on that same reading (the checks
// API's read path, there a batch of one).

interface Evaluated {
  status: DeploymentStatus;
  sources: SourceWithSince[];
  checks: CheckResult[];
  /** Checks whose recorded history dates a non-green area */
  needHistory: string[];
}

/** Every deployment as a NOC tile: health per area, since when, data age; worst first. */
export async function getBoard(db: Db, env: Env, box: SecretBox, now = new Date()): Promise<BoardResponse> {
  // Cached probe results only: a wall screen refreshing every 10 s must never send probes.
  const deployments = await evaluateDeployments(db, env, box, undefined, {
    probes: "cached",
    runner: getProbeRunner(),
    now: () => now.getTime(),
  });
  const failing = deployments.flatMap(({ status: s }) =>
    s.nodes.flatMap((n) =>
      n.sources
        .filter((src) => src.lastRun && src.lastRun.outcome !== "ok")
        .map((src) => ({ nodeId: n.id, source: src.source })),
    ),
  );
  const since = await getFailingSince(db, failing);
  const evaluated = deployments.map(({ status, checks: { checks } }): Evaluated => {
    const sources: SourceWithSince[] = status.nodes.flatMap((node) =>
      node.sources.map((source) => ({
        node,
        source,
        failingSince:
          source.lastRun && source.lastRun.outcome !== "ok"
            ? (since.get(nodeSourceKey(node.id, source.source)) ?? null)
            : null,
      })),
    );
    // "Since" of a non-green area needs the recorded history of every check in it (green has none).
    const needed = areasNeedingSince(sources, checks);
    return { status, sources, checks, needHistory: checks.filter((c) => needed.has(c.area)).map((c) => c.id) };
  });
  const histories = await getCheckChanges(
    db,
    evaluated.map((e) => ({ deploymentId: e.status.deployment.id, checkIds: e.needHistory })),
  );
  const tiles = evaluated.map((e) => tileOf(e, histories.get(e.status.deployment.id), now));
  return { generatedAt: now.toISOString(), tiles: sortTiles(tiles) };
}

/** One deployment's tile from its status, sources and checks. */
function tileOf(
  { status, sources, checks }: Evaluated,
  history: Map<string, CheckHistory> | undefined,
  now: Date,
): BoardTile {
  const onBoard: CheckOnBoard[] = checks.map((c) => ({
    ...c,
    history: history?.get(c.id)?.changes,
    historyCut: history?.get(c.id)?.cut,
  }));
  const areas = boardAreas(sources, (interval) => STALE_AFTER_INTERVALS * interval, onBoard, now.getTime());
  const ages = sources.map((s) => s.source.ageMs);
  return {
    id: status.deployment.id,
    name: status.deployment.name,
    joinUrl: status.deployment.joinUrl,
    health: areas.length ? worstOf(areas.map((a) => a.health)) : "unknown",
    areas,
    oldestAgeMs: ages.includes(null) || !ages.length ? null : Math.max(...(ages as number[])),
    relays: status.nodes
      .filter((n) => n.role === "EXPRESSWAY_E")
      .map((n) => ({
        nodeId: n.id,
        name: n.name,
        current: findSource(n.sources, SOURCES.turnRelays)?.latest?.current ?? null,
      })),
    insecureNodes: status.nodes.filter((n) => n.tlsInsecure).map((n) => n.name),
  };
}

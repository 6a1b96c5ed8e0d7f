import { COLLECTORS } from "@/lib/server/collectors";
import type { Db } from "@/lib/server/db/client";
import type { LabFixture } from "./lab-fixture";

/** What a collector's latestMany gives for one node (a batch of one), null when nothing is stored. */
export async function latestOfNode(db: Db, source: string, nodeId: string): Promise<unknown> {
  const c = COLLECTORS.find((x) => x.id === source);
  if (!c) throw new Error(`no collector ${source}`);
  return (await c.latestMany(db, [nodeId])).get(nodeId) ?? null;
}

/** The latest stored value of a source for a lab node (e.g. a snapshot view or a sample). */
export async function latestOf<T = Record<string, unknown>>(
  f: LabFixture,
  nodeKey: string,
  source: string,
): Promise<T> {
  return (await latestOfNode(f.t.db, source, await f.nodeId(nodeKey))) as T;
}

/** The content of a snapshot source's latest snapshot. */
export async function contentOf<T = Record<string, unknown>>(
  f: LabFixture,
  nodeKey: string,
  source: string,
): Promise<T> {
  const view = await latestOf<{ content: T } | null>(f, nodeKey, source);
  if (!view) throw new Error(`${source} on ${nodeKey} has no snapshot yet`);
  return view.content;
}

/** Polls the given lab nodes now and throws unless every source answered ok. */
export async function pollOk(f: LabFixture, keys: string[]): Promise<void> {
  const ids = await Promise.all(keys.map((k) => f.nodeId(k)));
  const out = await f.poller.pollNow(ids);
  const bad = [...out.values()].flat().filter((o) => o.outcome !== "ok");
  if (bad.length) throw new Error(`not ok: ${bad.map((o) => `${o.source} ${o.outcome} ${o.message}`).join("; ")}`);
}

export const ALL_NODES = ["vcs-c", "vcs-e1", "vcs-e2", "cms1"];

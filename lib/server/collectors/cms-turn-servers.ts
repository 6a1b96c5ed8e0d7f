import "server-only";
import { COLLECTIONS } from "@/lib/server/formats/cms-api";
import { turnServerPath, turnServerStatusPath } from "@/lib/server/formats/cms-turn-servers";
import { parseTurnServerDetail, parseTurnServerStatus, type TurnServerDetail, type TurnServerHost } from "@/lib/server/parsing/cms-turn-servers";
import type { NodeEndpoint } from "@/lib/server/transport/endpoint";
import { ok, type Result } from "@/lib/server/transport/failure";
import { forEachItem, getCmsCollection, getCmsParsed } from "./cms-client";
import { latestTurnServerSamples, type TurnServerSampleRow } from "./latest-samples";
import { latestSnapshot, latestSnapshots, sortedBy, type SnapshotView } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS turnServers (C5): one per Expressway-E node, serverAddress = its private address,
// clientAddress = its public one, type expressway; and each one's status (V4): hosts with the
// round-trip time and allocations the Call Bridge sees.
export interface TurnServer extends TurnServerDetail {
  id: string;
  /** null when this CMS has no status endpoint (404) */
  hosts: TurnServerHost[] | null;
}
export interface TurnServers {
  turnServers: TurnServer[];
}

async function readOne(endpoint: NodeEndpoint, id: string): Promise<Result<TurnServer>> {
  const [detail, status] = await Promise.all([
    getCmsParsed(endpoint, turnServerPath(id), parseTurnServerDetail),
    getCmsParsed(endpoint, turnServerStatusPath(id), parseTurnServerStatus),
  ]);
  if (!detail.ok) return detail;
  if (!status.ok && status.failure.httpStatus !== 404) return status;
  return ok({ id, ...detail.value, hosts: status.ok ? status.value : null });
}

/** The configuration part (what a snapshot keeps): RTT and allocations go to samples instead. */
function configOf(v: TurnServers) {
  return {
    turnServers: v.turnServers.map(({ hosts, ...config }) => ({
      ...config,
      hosts: hosts && sortedBy(hosts.map((h) => ({ address: h.address, portNumber: h.portNumber ?? null, mappedAddress: h.mappedAddress })), (h) => h.address),
    })),
  };
}

/** latest()'s value from its rows: one mapping for latest and latestMany, so the two cannot drift. */
const viewOf = (snap: SnapshotView<ReturnType<typeof configOf>>, at: Date | null, hosts: TurnServerSampleRow[]) => ({ ...snap, status: at && { at: at.toISOString(), hosts } });

const SOURCE = "cms.turn-servers";
export const cmsTurnServers = defineCollector<TurnServers>({
  id: SOURCE,
  area: "turn-servers",
  title: "TURN servers as the Meeting Server sees them",
  roles: ["CMS"],
  domainIds: ["C5", "V4", "R6", "R7"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  async collect({ endpoint }) {
    const items = await getCmsCollection(endpoint, COLLECTIONS.turnServers);
    if (!items.ok) return items;
    const all = await forEachItem(items.value, ({ id }) => readOne(endpoint, id));
    return all.ok ? ok({ turnServers: sortedBy(all.value, (t) => t.id) }) : all;
  },
  rows: (nodeId, at, value) => ({
    snapshot: configOf(value),
    samples: {
      turnServerSample: value.turnServers.flatMap((t) =>
        (t.hosts ?? []).map((h) => ({ nodeId, turnServerId: t.id, hostAddress: h.address, ts: at, rttMs: h.rttMs ?? null, allocations: h.allocations ?? null })),
      ),
    },
  }),
  // Per host as CMS reports it: the host address names the Expressway-E in charts.
  rollups: (value) =>
    value.turnServers.flatMap((t) =>
      (t.hosts ?? []).flatMap((h) => [
        ...(h.rttMs != null ? [{ series: `rtt:${h.address}`, value: h.rttMs }] : []),
        ...(h.allocations != null ? [{ series: `alloc:${h.address}`, value: h.allocations }] : []),
      ]),
    ),
  async latest(db, nodeId) {
    const snap = await latestSnapshot<ReturnType<typeof configOf>>(db, nodeId, SOURCE);
    if (!snap) return null;
    const last = await db.turnServerSample.findFirst({ where: { nodeId }, orderBy: { ts: "desc" }, select: { ts: true } });
    const samples = last
      ? await db.turnServerSample.findMany({ where: { nodeId, ts: last.ts }, select: { turnServerId: true, hostAddress: true, rttMs: true, allocations: true }, orderBy: { id: "asc" } })
      : [];
    return viewOf(snap, last?.ts ?? null, samples);
  },
  async latestMany(db, nodeIds) {
    const [snaps, samples] = await Promise.all([latestSnapshots<ReturnType<typeof configOf>>(db, nodeIds, SOURCE), latestTurnServerSamples(db, nodeIds)]);
    return new Map([...snaps].map(([id, snap]) => [id, viewOf(snap, samples.get(id)?.ts ?? null, samples.get(id)?.hosts ?? [])]));
  },
});

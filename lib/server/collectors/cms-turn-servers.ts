import "server-only";
import * as source from "@/lib/domain/sources/cms-turn-servers";
import { COLLECTIONS } from "@/lib/domain/sources/cms-api";
import { turnServerPath, turnServerStatusPath } from "@/lib/domain/sources/cms-turn-servers";
import { hostSeries } from "@/lib/domain/series-names";
import type { PartNote } from "@/lib/domain/source-parts";
import type { CmsPage } from "@/lib/server/parsing/cms-xml";
import {
  parseTurnServerDetail,
  parseTurnServerListItem,
  parseTurnServerStatus,
  type TurnServerDetail,
  type TurnServerHost,
} from "@/lib/server/parsing/cms-turn-servers";
import type { NodeEndpoint } from "@/lib/server/transport/endpoint";
import { ok, type PollFailure, type Result } from "@/lib/server/transport/failure";
import { forEachItem, getCmsCollection, getCmsParsed } from "./cms-client";
import { latestTurnServerSamples, type TurnServerSampleRow } from "./latest-samples";
import { latestSnapshots, sortedBy, type SnapshotView } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS turnServers (C5): one per Expressway-E node, serverAddress = its private address,
// clientAddress = its public one, type expressway; and each one's status (V4): hosts with
// whether the Call Bridge reaches them, the round-trip time and the allocations it sees.
export interface TurnServer extends TurnServerDetail {
  id: string;
  /** null when the status part could not be read (see parts: 404 = not on this version) */
  hosts: TurnServerHost[] | null;
}
export interface TurnServers {
  turnServers: TurnServer[];
  parts?: PartNote[];
  matched?: Record<string, string>;
}

type One = {
  turnServer: TurnServer;
  parts: PartNote[];
  rttElement: string | null;
  /** Set when both the detail and the status failed (neither for "not on this version") */
  bothFailed: PollFailure | null;
};
type Item = CmsPage["items"][number];

/** A part CMS could not give: 404 = not on this version (or the object just went), else failed. */
function partNote(part: string, location: string, f: PollFailure): PartNote {
  return f.httpStatus === 404
    ? { part, location, state: "unavailable", reason: f.message }
    : { part, location, state: "failed", reason: `${f.kind}: ${f.message}` };
}

/**
 * One turnServer: the list item gives its addresses, the detail the rest (type, username,
 * tcpPortNumberOverride), the status its hosts. A detail or status that cannot be read is a part
 * of its own: the turnServer stays with what was read, so V4 and the address checks keep working
 * and C5 says what it cannot know instead of reading the missing type as empty.
 */
async function readOne(endpoint: NodeEndpoint, { id, el, page }: Item): Promise<Result<One>> {
  const detailPath = turnServerPath(id);
  const statusPath = turnServerStatusPath(id);
  const [detail, status] = await Promise.all([
    getCmsParsed(endpoint, detailPath, parseTurnServerDetail),
    getCmsParsed(endpoint, statusPath, parseTurnServerStatus),
  ]);
  const parts: PartNote[] = [];
  let config: TurnServerDetail;
  if (detail.ok) config = detail.value;
  else {
    const listed = parseTurnServerListItem(el, page);
    if (!listed.ok) return listed;
    config = { ...listed.value, username: null, type: null };
    parts.push(partNote(`turnServer ${id} detail`, detailPath, detail.failure));
  }
  if (!status.ok) parts.push(partNote(`turnServer ${id} status`, statusPath, status.failure));
  return ok({
    turnServer: { id, ...config, hosts: status.ok ? status.value.hosts : null },
    parts,
    rttElement: status.ok ? status.value.rttElement : null,
    bothFailed: !detail.ok && parts.every((p) => p.state === "failed") && parts.length === 2 ? detail.failure : null,
  });
}

/** The configuration part (what a snapshot keeps): RTT and allocations go to samples instead. */
function configOf(v: TurnServers) {
  return {
    turnServers: v.turnServers.map(({ hosts, ...config }) => ({
      ...config,
      hosts:
        hosts &&
        sortedBy(
          hosts.map((h) => ({
            address: h.address,
            portNumber: h.portNumber ?? null,
            reachable: h.reachable ?? null,
            mappedAddress: h.mappedAddress,
          })),
          (h) => h.address,
        ),
    })),
    ...(v.parts?.length ? { parts: v.parts } : {}),
  };
}

type Config = ReturnType<typeof configOf>;
/** One node's latest value from its rows (latestMany maps each node's rows with it). Each sampled host gets the reachable flag of its config row. */
const viewOf = (snap: SnapshotView<Config>, at: Date | null, hosts: TurnServerSampleRow[]) => {
  const reachable = new Map(
    snap.content.turnServers.flatMap((t) =>
      (t.hosts ?? []).map((h) => [`${t.id} ${h.address}`, h.reachable ?? null] as const),
    ),
  );
  return {
    ...snap,
    status: at && {
      at: at.toISOString(),
      hosts: hosts.map((h) => ({ ...h, reachable: reachable.get(`${h.turnServerId} ${h.hostAddress}`) ?? null })),
    },
  };
};

const SOURCE = source.id;
export const cmsTurnServers = defineCollector<TurnServers, source.Id>({
  id: SOURCE,
  area: "turn-servers",
  title: "TURN servers as the Meeting Server sees them",
  roles: ["CMS"],
  domainIds: ["C5", "V4", "R6", "R7"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  async collect({ endpoint }) {
    const items = await getCmsCollection(endpoint, COLLECTIONS.turnServers);
    if (!items.ok) return items;
    const all = await forEachItem(items.value, (item) => readOne(endpoint, item));
    if (!all.ok) return all;
    // Every request after the list failing is the node failing (a red poll), not a missing part.
    const first = all.value[0]?.bothFailed;
    if (first && all.value.every((o) => o.bothFailed)) return { ok: false, failure: first };
    const parts = sortedBy(
      all.value.flatMap((o) => o.parts),
      (p) => p.location,
    );
    const rtt = all.value.find((o) => o.rttElement)?.rttElement;
    const matched: Record<string, string> = rtt ? { "host RTT element": rtt } : {};
    return ok<TurnServers>({
      turnServers: sortedBy(
        all.value.map((o) => o.turnServer),
        (t) => t.id,
      ),
      parts,
      matched,
    });
  },
  rows: (nodeId, at, value) => ({
    snapshot: configOf(value),
    samples: {
      turnServerSample: value.turnServers.flatMap((t) =>
        (t.hosts ?? []).map((h) => ({
          nodeId,
          turnServerId: t.id,
          hostAddress: h.address,
          ts: at,
          rttMs: h.rttMs ?? null,
          allocations: h.allocations ?? null,
        })),
      ),
    },
  }),
  // Per host as CMS reports it: the host address names the Expressway-E in charts.
  rollups: (value) =>
    value.turnServers.flatMap((t) =>
      (t.hosts ?? []).flatMap((h) => [
        ...(h.rttMs != null ? [{ series: hostSeries("rtt", h.address), value: h.rttMs }] : []),
        ...(h.allocations != null ? [{ series: hostSeries("alloc", h.address), value: h.allocations }] : []),
      ]),
    ),
  async latestMany(db, nodeIds) {
    const [snaps, samples] = await Promise.all([
      latestSnapshots<Config>(db, nodeIds, SOURCE),
      latestTurnServerSamples(db, nodeIds),
    ]);
    return new Map(
      [...snaps].map(([id, snap]) => [id, viewOf(snap, samples.get(id)?.ts ?? null, samples.get(id)?.hosts ?? [])]),
    );
  },
});

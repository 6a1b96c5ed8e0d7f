import "server-only";
import * as source from "@/lib/domain/sources/expressway-e-turn-relays";
import { RELAY_SERIES } from "@/lib/domain/series-names";
import { z } from "zod";
import type { PartNote } from "@/lib/domain/source-parts";
import { parseGetxml } from "@/lib/server/parsing/cuil";
import { validateExtracted } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { latestRelaySamples, type RelayPortRow, type RelaySampleRow } from "./latest-samples";
import { getCuilText, partNote } from "./expressway-client";
import { defineCollector } from "./types";

// Expressway-E TURN relay usage (V5) and TURN server state (R4/C3).
// Structure confirmed from a real status.xml (api-formats.md §4a); that getxml accepts these
// exact sub-paths is inferred [I].
const { USAGE_LOCATION, STATUS_LOCATION } = source;

const count = z.coerce.number().int().nonnegative();
const usageSchema = z.object({
  current: count,
  peak: count,
  total: count,
  ports: z.array(
    z.object({ port: z.coerce.number().int().min(1).max(65535), count, udp: count.optional(), tcp: count.optional() }),
  ),
  protocolMode: z.string().optional(),
});
const statusSchema = z.object({ serverStatus: z.string().min(1) });

const USAGE_PATHS = {
  current: `${USAGE_LOCATION}/Relays/Current`,
  peak: `${USAGE_LOCATION}/Relays/Max`,
  total: `${USAGE_LOCATION}/Relays/Total`,
  ports: `${USAGE_LOCATION}/Port`,
  protocolMode: `${USAGE_LOCATION}/ProtocolMode`,
};

/** serverStatus null when /Status/TURN could not be read: that part is listed in `parts`. */
export type TurnRelays = z.infer<typeof usageSchema> & {
  serverStatus: string | null;
  parts?: PartNote[];
  matched?: Record<string, string>;
};

export function parseTurnUsage(xml: string): Result<z.infer<typeof usageSchema>> {
  const turn = parseGetxml(xml, USAGE_LOCATION);
  if (!turn.ok) return turn;
  const t = turn.value;
  const raw = {
    current: t.textAt("Relays/Current"),
    peak: t.textAt("Relays/Max"),
    total: t.textAt("Relays/Total"),
    ports: t
      .children("Port")
      .map((p) => ({ port: p.textAt("Port"), count: p.textAt("Count"), udp: p.textAt("UDP"), tcp: p.textAt("TCP") })),
    protocolMode: t.textAt("ProtocolMode"),
  };
  return validateExtracted(usageSchema, raw, USAGE_PATHS, xml);
}

export function parseTurnStatus(xml: string): Result<z.infer<typeof statusSchema>> {
  const turn = parseGetxml(xml, STATUS_LOCATION);
  if (!turn.ok) return turn;
  return validateExtracted(
    statusSchema,
    { serverStatus: turn.value.textAt("Server/Status") },
    { serverStatus: `${STATUS_LOCATION}/Server/Status` },
    xml,
  );
}

/** One node's latest value from its rows (latestMany maps each node's rows with it). */
const viewOf = (s: RelaySampleRow, ports: RelayPortRow[]): source.Latest => ({
  at: s.ts.toISOString(),
  current: s.current,
  peak: s.peak,
  total: s.total,
  serverStatus: s.serverStatus,
  ports,
});

export const expresswayETurnRelays = defineCollector<TurnRelays, source.Id>({
  id: source.id,
  area: "turn-relays",
  title: "TURN relay usage and TURN server status",
  roles: ["EXPRESSWAY_E"],
  domainIds: ["V5", "R4", "C3"],
  intervalMs: (env) => env.EDGESCOPE_RELAY_INTERVAL_MS,

  // Two parts: the relay counts are this source's reason to exist; the TURN server state is kept
  // apart, so a box that cannot give it still stores its counts (serverStatus null, part noted).
  async collect({ endpoint }) {
    const [usageRes, statusRes] = await Promise.all([
      getCuilText(endpoint, USAGE_LOCATION),
      getCuilText(endpoint, STATUS_LOCATION),
    ]);
    if (!usageRes.ok) return usageRes;
    const usage = parseTurnUsage(usageRes.value.body);
    if (!usage.ok) return usage;
    const status = statusRes.ok ? parseTurnStatus(statusRes.value.body) : statusRes;
    const matched: Record<string, string> = {
      [USAGE_LOCATION]: usageRes.value.via,
      ...(statusRes.ok ? { [STATUS_LOCATION]: statusRes.value.via } : {}),
    };
    if (status.ok) return ok<TurnRelays>({ ...usage.value, ...status.value, matched });
    return ok<TurnRelays>({
      ...usage.value,
      serverStatus: null,
      parts: [partNote("TURN server status", STATUS_LOCATION, status.failure)],
      matched,
    });
  },

  rows: (nodeId, at, v) => ({
    samples: {
      turnRelaySample: [
        { nodeId, ts: at, current: v.current, peak: v.peak, total: v.total, serverStatus: v.serverStatus },
      ],
      // Per-port counts: a Large VM spreads relays over 6 ports of 1000 each (api-formats §2b).
      turnPortSample: v.ports.map((p) => ({
        nodeId,
        ts: at,
        port: p.port,
        count: p.count,
        udp: p.udp ?? null,
        tcp: p.tcp ?? null,
      })),
    },
  }),

  // The chart's peak is the highest *polled* current count per bucket: Expressway's own "Max" is
  // a high-water mark since the last counter reset, not a per-interval value, so it is not rolled up.
  rollups: (v) => [{ series: RELAY_SERIES, value: v.current }],

  async latestMany(db, nodeIds) {
    const latest = await latestRelaySamples(db, nodeIds);
    return new Map([...latest].map(([id, { sample, ports }]) => [id, viewOf(sample, ports)]));
  },
});

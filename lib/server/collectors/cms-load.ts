import "server-only";
import { z } from "zod";
import { CMS_DEFAULT_EXISTING_CONFERENCE_BP, CMS_DEFAULT_NEW_CONFERENCE_BP } from "@/lib/domain/capacity";
import { CLUSTER_CONFIG, CMS_CAPACITY_API, LOAD } from "@/lib/domain/sources/cms-capacity";
import { LOAD_SERIES } from "@/lib/domain/series-names";
import * as source from "@/lib/domain/sources/cms-load";
import type { CmsLoad, CmsLoadView } from "@/lib/domain/sources/cms-load";
import { parseCmsDocument } from "@/lib/server/parsing/cms-xml";
import { readFields } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { getCmsText } from "./cms-client";
import { latestSnapshots } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS media processing load (GET /api/v1/system/load [C]) with the Call Bridge's loadLimit and its
// thresholds (GET /api/v1/system/configuration/cluster [C]); the load is charted (rollup series
// "load") and forecast on History, the limit is the snapshot.

const num = z.preprocess(
  (v) => (v === "" || v === undefined ? undefined : v),
  z.coerce.number().nonnegative().optional(),
);
const loadSchema = z.object({ mediaProcessingLoad: z.coerce.number().nonnegative() });
const limitSchema = z.object({ loadLimit: num, newBp: num, existingBp: num });

export function parseLoad(xml: string): Result<{ mediaProcessingLoad: number }> {
  const doc = parseCmsDocument(xml, LOAD.root);
  return doc.ok ? readFields(doc.value, { mediaProcessingLoad: LOAD.mediaProcessingLoad }, loadSchema, xml) : doc;
}

/** Empty elements (Cisco's example shows <loadLimit/>) mean "not supplied": the defaults apply. */
export function parseClusterConfig(xml: string): Result<Omit<CmsLoad, "mediaProcessingLoad">> {
  const doc = parseCmsDocument(xml, CLUSTER_CONFIG.root);
  if (!doc.ok) return doc;
  const r = readFields(
    doc.value,
    {
      loadLimit: CLUSTER_CONFIG.loadLimit,
      newBp: CLUSTER_CONFIG.newConferenceLoadLimitBasisPoints,
      existingBp: CLUSTER_CONFIG.existingConferenceLoadLimitBasisPoints,
    },
    limitSchema,
    xml,
  );
  if (!r.ok) return r;
  return ok({
    loadLimit: r.value.loadLimit ? r.value.loadLimit : null,
    newConferenceBasisPoints: r.value.newBp ?? CMS_DEFAULT_NEW_CONFERENCE_BP,
    existingConferenceBasisPoints: r.value.existingBp ?? CMS_DEFAULT_EXISTING_CONFERENCE_BP,
  });
}

/**
 * The snapshot keeps the load floored to a band (5 % of loadLimit, else 10 units), so it changes
 * when the load moves band, not every poll (the exact values go to the rollups and the chart). Cisco's
 * default thresholds (50 %, 80 %) are band edges, so the check's verdict on the band is exact.
 */
export const LOAD_BAND_SHARE = 0.05;
export const LOAD_BAND_UNITS = 10;
export const loadBand = (load: number, limit: number | null) => {
  const step = limit ? limit * LOAD_BAND_SHARE : LOAD_BAND_UNITS;
  return Math.floor(load / step) * step;
};

const SOURCE = source.id;

const viewOf = (snap: Omit<CmsLoadView, "mediaProcessingLoad">): CmsLoadView => ({
  ...snap,
  mediaProcessingLoad: snap.content.loadBand,
});

export const cmsLoad = defineCollector<CmsLoad, source.Id>({
  id: SOURCE,
  area: "cms",
  title: "Media processing load",
  roles: ["CMS"],
  domainIds: ["R3"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  async collect({ endpoint }) {
    const [load, config] = await Promise.all([
      getCmsText(endpoint, CMS_CAPACITY_API.load),
      getCmsText(endpoint, CMS_CAPACITY_API.clusterConfig),
    ]);
    if (!load.ok) return load;
    const l = parseLoad(load.value);
    if (!l.ok) return l;
    // Without the cluster configuration (an API user without rights to it) the load is still worth charting.
    const c = config.ok ? parseClusterConfig(config.value) : null;
    const limits = c?.ok
      ? c.value
      : {
          loadLimit: null,
          newConferenceBasisPoints: CMS_DEFAULT_NEW_CONFERENCE_BP,
          existingConferenceBasisPoints: CMS_DEFAULT_EXISTING_CONFERENCE_BP,
        };
    return ok({ mediaProcessingLoad: l.value.mediaProcessingLoad, ...limits });
  },
  rows: (_nodeId, _at, { mediaProcessingLoad, ...limits }) => ({
    snapshot: { ...limits, loadBand: loadBand(mediaProcessingLoad, limits.loadLimit) },
  }),
  rollups: (v) => [{ series: LOAD_SERIES, value: v.mediaProcessingLoad }],
  async latestMany(db, nodeIds) {
    const snaps = await latestSnapshots<CmsLoadView["content"]>(db, nodeIds, SOURCE);
    return new Map([...snaps].map(([id, snap]) => [id, viewOf(snap)]));
  },
});

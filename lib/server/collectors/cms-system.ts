import "server-only";
import * as source from "@/lib/domain/sources/cms-system";
import { z } from "zod";
import { CMS_API } from "@/lib/domain/sources/cms-api";
import { SYSTEM_STATUS } from "@/lib/domain/sources/cms-system";
import { parseCmsDocument } from "@/lib/server/parsing/cms-xml";
import { optBoolWord, optCount, text } from "@/lib/server/parsing/fields";
import { readFields } from "@/lib/server/parsing/xml";
import type { Result } from "@/lib/server/transport/failure";
import { getCmsParsed } from "./cms-client";
import { latestSystemSamples } from "./latest-samples";
import { latestSnapshots, type SnapshotView } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS system/status [C]: software version (R1: 2.9.2+ with X12.6.1+, 2.9.3+ baseline), whether the
// Call Bridge is activated (R3), uptime and active call legs.
const schema = z.object({
  softwareVersion: text,
  activated: optBoolWord,
  clusterEnabled: optBoolWord,
  uptimeSeconds: optCount,
  callLegsActive: optCount,
});
export type CmsSystem = z.infer<typeof schema>;

const { root, ...FIELDS } = SYSTEM_STATUS;

export function parseCmsSystemStatus(xml: string): Result<CmsSystem> {
  const doc = parseCmsDocument(xml, root);
  return doc.ok ? readFields(doc.value, FIELDS, schema, xml) : doc;
}

/** One node's latest value from its rows (latestMany maps each node's rows with it). */
const viewOf = (
  snap: SnapshotView<source.Identity>,
  sample: { uptimeSeconds: number | null; callLegsActive: number | null } | null | undefined,
) => ({ ...snap, uptimeSeconds: sample?.uptimeSeconds ?? null, callLegsActive: sample?.callLegsActive ?? null });

const SOURCE = source.id;
export const cmsSystem = defineCollector<CmsSystem, source.Id>({
  id: SOURCE,
  area: "cms",
  title: "Meeting Server version and status",
  roles: ["CMS"],
  domainIds: ["R1", "R3"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  collect: ({ endpoint }) => getCmsParsed(endpoint, CMS_API.systemStatus, parseCmsSystemStatus),
  rows: (nodeId, at, { uptimeSeconds, callLegsActive, softwareVersion, activated, clusterEnabled }) => ({
    // Uptime and call legs move every poll: samples, so the snapshot changes only on real changes.
    snapshot: { softwareVersion, activated: activated ?? null, clusterEnabled: clusterEnabled ?? null },
    samples: {
      systemSample: [{ nodeId, ts: at, uptimeSeconds: uptimeSeconds ?? null, callLegsActive: callLegsActive ?? null }],
    },
  }),
  async latestMany(db, nodeIds) {
    const [snaps, samples] = await Promise.all([
      latestSnapshots<source.Identity>(db, nodeIds, SOURCE),
      latestSystemSamples(db, nodeIds),
    ]);
    return new Map([...snaps].map(([id, snap]) => [id, viewOf(snap, samples.get(id))]));
  },
});

import "server-only";
import { z } from "zod";
import { ALARM, COLLECTIONS } from "@/lib/server/formats/cms-api";
import { optCount, text } from "@/lib/server/parsing/fields";
import { readFields } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import type { CmsPage } from "@/lib/server/parsing/cms-xml";
import { getCmsCollection } from "./cms-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS system/alarms [C]: <alarms total><alarm id><type/><activeTimeSeconds/></alarm>…. Alarm type
// strings vary by version [I]; they are kept verbatim.
const schema = z.object({ type: text, activeTimeSeconds: optCount });
export interface CmsAlarm {
  id: string;
  type: string;
}
export interface CmsAlarms {
  alarms: CmsAlarm[];
}

export function readAlarms(items: CmsPage["items"]): Result<CmsAlarms> {
  const alarms: CmsAlarm[] = [];
  for (const { id, el, page } of items) {
    const r = readFields(el, ALARM, schema, page);
    if (!r.ok) return r;
    // activeTimeSeconds grows every poll; the snapshot's "since" tells when an alarm appeared.
    alarms.push({ id, type: r.value.type });
  }
  return ok({ alarms: sortedBy(alarms, (a) => a.id) });
}

const SOURCE = "cms.alarms";
export const cmsAlarms = defineCollector<CmsAlarms>({
  id: SOURCE,
  area: "cms",
  title: "Meeting Server alarms",
  roles: ["CMS"],
  domainIds: ["R3"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  async collect({ endpoint }) {
    const items = await getCmsCollection(endpoint, COLLECTIONS.alarms);
    return items.ok ? readAlarms(items.value) : items;
  },
  ...snapshotStorage<CmsAlarms>(SOURCE),
});

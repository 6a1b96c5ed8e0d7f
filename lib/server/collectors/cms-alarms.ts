import "server-only";
import * as source from "@/lib/domain/sources/cms-alarms";
import { z } from "zod";
import type { CmsAlarmEntry } from "@/lib/domain/cms-alarms";
import { ALARM } from "@/lib/domain/sources/cms-alarms";
import { COLLECTIONS } from "@/lib/domain/sources/cms-api";
import { optCount, optText, text } from "@/lib/server/parsing/fields";
import { readFields } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import type { CmsPage } from "@/lib/server/parsing/cms-xml";
import { getCmsCollection } from "./cms-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS system/alarms [C] (ciscocms/apiary): <alarms total><alarm id><type/><activeTimeSeconds/>
// [<failureReason/>] and type-specific parameters such as <turnServer>GUID</turnServer>. Every
// parameter is kept by element name, so lib/domain/cms-alarms.ts can say what the alarm is about.
const schema = z.object({ type: text, activeTimeSeconds: optCount, failureReason: optText });
export type CmsAlarm = CmsAlarmEntry;
export type CmsAlarms = source.Content;

/** Children that are not parameters: the type, the reason, and the time that grows every poll. */
const NOT_PARAMETERS = new Set<string>([ALARM.type, ALARM.activeTimeSeconds, ALARM.failureReason]);

export function readAlarms(items: CmsPage["items"]): Result<CmsAlarms> {
  const alarms: CmsAlarm[] = [];
  for (const { id, el, page } of items) {
    const r = readFields(el, ALARM, schema, page);
    if (!r.ok) return r;
    const parameters: Record<string, string> = {};
    for (const name of el
      .childNames()
      .filter((n) => !NOT_PARAMETERS.has(n))
      .sort()) {
      const value = el.child(name)?.text()?.trim();
      if (value) parameters[name] = value;
    }
    // activeTimeSeconds grows every poll; the snapshot's "since" tells when an alarm appeared.
    alarms.push({ id, type: r.value.type, failureReason: r.value.failureReason, parameters });
  }
  return ok({ alarms: sortedBy(alarms, (a) => a.id) });
}

const SOURCE = source.id;
export const cmsAlarms = defineCollector<CmsAlarms, source.Id>({
  id: SOURCE,
  area: "cms",
  title: "Meeting Server alarms",
  roles: ["CMS"],
  domainIds: ["R3", "V4", "R7"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  async collect({ endpoint }) {
    const items = await getCmsCollection(endpoint, COLLECTIONS.alarms);
    return items.ok ? readAlarms(items.value) : items;
  },
  ...snapshotStorage<CmsAlarms>(SOURCE),
});

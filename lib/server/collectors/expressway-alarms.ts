import "server-only";
import * as source from "@/lib/domain/sources/expressway-alarms";
import { z } from "zod";
import { WARNINGS } from "@/lib/domain/sources/expressway-alarms";
import { parseGetxml } from "@/lib/server/parsing/cuil";
import { optText, text } from "@/lib/server/parsing/fields";
import { readEntries } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { readCuilSource } from "./expressway-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector, type Traced } from "./types";

// Expressway alarms (/Status/Warnings [C]) on both Expressway-C and -E: they often name the cause
// of a V3/R4 failure (tunnel, licence, certificate, NTP).
const warningSchema = z.object({ id: text, reason: text, state: optText });
export type ExpresswayAlarm = source.ExpresswayAlarm;
export interface ExpresswayAlarms extends Traced, source.Content {}

export function parseWarnings(xml: string): Result<ExpresswayAlarms> {
  const container = parseGetxml(xml, WARNINGS.location);
  if (!container.ok) return container;
  const entries = readEntries(
    container.value,
    { id: WARNINGS.id, reason: WARNINGS.reason, state: WARNINGS.state },
    warningSchema,
    xml,
  );
  return entries.ok ? ok({ alarms: sortedBy(entries.value, (a) => a.id) }) : entries;
}

const SOURCE = source.id;
export const expresswayAlarms = defineCollector<ExpresswayAlarms, source.Id>({
  id: SOURCE,
  area: "versions",
  title: "Alarms",
  roles: ["EXPRESSWAY_C", "EXPRESSWAY_E"],
  domainIds: ["R2", "R4"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  collect: ({ endpoint }) =>
    readCuilSource<ExpresswayAlarms>(endpoint, WARNINGS.location, "alarms", parseWarnings, { alarms: [] }),
  ...snapshotStorage<ExpresswayAlarms>(SOURCE),
});

import "server-only";
import type * as cmsSettings from "@/lib/domain/sources/expressway-c-cms-settings";
import { SOURCES } from "@/lib/domain/sources";
import { nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";
import type { CheckContext, CheckOutcome, SourceReading } from "./types";

// Expressway-C's Cisco Meeting Server settings as C1/V1 read them: every C node's reading, or the
// unknown outcome when there is no C node or a reading is missing or stale.
export function cmsSettingsReadings(ctx: CheckContext): SourceReading<cmsSettings.Latest>[] | CheckOutcome {
  const cs = nodesOf(ctx, "EXPRESSWAY_C");
  if (!cs.length)
    return noEvidenceUnknown("The deployment has no Expressway-C node.", [
      "Settings > Deployments: add the Expressway-C node.",
    ]);
  const readings = cs.map((c) => ctx.reading(c.id, SOURCES.cmsSettings));
  return unknownIfUnusable(readings) ?? readings;
}

import "server-only";
import type { SourceId, SourceLatest } from "@/lib/domain/sources";
import { nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";
import type { CheckContext, CheckOutcome, SourceReading } from "./types";

/**
 * Every Meeting Server's fresh reading of one source, or the outcome a check gives without them:
 * unknown with "add the Meeting Server node" when there is none, unknown naming the stale or
 * missing ones otherwise (the capacity, licence and database checks all start this way).
 */
export function cmsReadings<K extends SourceId>(
  ctx: CheckContext,
  source: K,
): SourceReading<SourceLatest<K>>[] | CheckOutcome {
  const cms = nodesOf(ctx, "CMS");
  if (!cms.length)
    return noEvidenceUnknown("The deployment has no Meeting Server node.", [
      "Settings > Deployments: add the Meeting Server node.",
    ]);
  const readings = cms.map((n) => ctx.reading(n.id, source));
  return unknownIfUnusable(readings) ?? readings;
}

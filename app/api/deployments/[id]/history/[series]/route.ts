// GET /api/deployments/{id}/history/{series}?from=&to= — chart data, at most ~1000 points per line.
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { getDailyPeaks } from "@/lib/server/history/daily-peaks";
import { getCheckTimeline } from "@/lib/server/history/check-timeline";
import { getSeriesHistory, HISTORY_SERIES } from "@/lib/server/history/series-history";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const HOUR_MS = 3_600_000;
/** The sample series (rollups or raw, see series-history.ts), the check-state timeline and daily peaks. */
const NAMES = [...HISTORY_SERIES, "checks", "daily-peaks"] as const;
const params = z.object({
  id: idParam,
  series: z.enum(NAMES, { message: `series must be one of ${NAMES.join(", ")}` }),
});
// Accepts ISO dates and epoch milliseconds.
const date = (name: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
    z.coerce.date({ message: `${name} must be an ISO date or epoch ms` }),
  );
const query = z
  .object({ from: date("from").optional(), to: date("to").optional() })
  .transform(({ from, to }) => {
    const end = to ?? new Date();
    return { from: from ?? new Date(end.getTime() - HOUR_MS), to: end };
  })
  .refine(({ from, to }) => from < to, "from must be before to")
  .refine(({ from, to }) => to.getTime() - from.getTime() <= 400 * 24 * HOUR_MS, "the range can be at most 400 days");

// Each reader answers an unknown deployment with a 404 itself, from the query it makes anyway.
export const GET = route({ role: "viewer", params, query }, ({ params, query }) => {
  if (params.series === "checks") return getCheckTimeline(getDb(), params.id, query.from, query.to);
  if (params.series === "daily-peaks") return getDailyPeaks(getDb(), params.id, query.from, query.to);
  return getSeriesHistory(getDb(), params.series, params.id, query.from, query.to);
});

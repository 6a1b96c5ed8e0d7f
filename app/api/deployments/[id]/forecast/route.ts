// GET /api/deployments/{id}/forecast?from=&to= — capacity series (relays per Expressway-E, CMS media
// load): daily peaks, fitted line, days until the limit at that trend, p95 busy hour.
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { getDeployment } from "@/lib/server/deployments/list-deployments";
import { getCapacityForecast } from "@/lib/server/history/capacity-forecast";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;
const params = z.object({ id: idParam });
const date = (name: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
    z.coerce.date({ message: `${name} must be an ISO date or epoch ms` }),
  );
const query = z
  .object({ from: date("from").optional(), to: date("to").optional() })
  .transform(({ from, to }) => {
    const end = to ?? new Date();
    return { from: from ?? new Date(end.getTime() - 30 * DAY_MS), to: end };
  })
  .refine(({ from, to }) => from < to, "from must be before to")
  .refine(({ from, to }) => to.getTime() - from.getTime() <= 400 * DAY_MS, "the range can be at most 400 days");

export const GET = route({ role: "viewer", params, query }, async ({ params, query }) => {
  await getDeployment(getDb(), params.id);
  return getCapacityForecast(getDb(), params.id, query.from, query.to);
});

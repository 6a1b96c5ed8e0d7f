// GET /metrics — Prometheus text format: per deployment and node (checks, areas, relays, TURN RTT,
// poll ages, probes) and per process (polls, cycles, queue, database). Viewer token or allow-listed scraper.
import type { NextRequest } from "next/server";
import { renderMetrics } from "@/lib/server/metrics/scrape";
import { authorizeScrape } from "@/lib/server/metrics/scrape-access";
import { errorResponse } from "@/lib/server/http/respond";
import type { RouteSpec } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

async function scrape(req: NextRequest): Promise<Response> {
  try {
    await authorizeScrape(req);
    const { contentType, body } = await renderMetrics();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

// Not a route() handler (it answers text), so it describes itself for /api/openapi.json.
const spec: RouteSpec = {
  role: "viewer",
  summary: "Prometheus metrics (text format); also open to EDGESCOPE_METRICS_ALLOW addresses",
  responseMediaType: "text/plain; version=0.0.4",
};
export const GET = Object.assign(scrape, { openapi: spec });

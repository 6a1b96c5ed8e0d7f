// GET /metrics — Prometheus text format: per deployment and node (checks, areas, relays, TURN RTT,
// poll ages, probes) and per process (polls, cycles, queue, database). Viewer token or allow-listed scraper.
import type { NextRequest } from "next/server";
import { renderMetrics } from "@/lib/server/metrics/scrape";
import { authorizeScrape } from "@/lib/server/metrics/scrape-access";
import { errorResponse } from "@/lib/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  try {
    await authorizeScrape(req);
    const { contentType, body } = await renderMetrics();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

import "server-only";
import type { NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { clientIp } from "@/lib/server/auth/client-ip";
import { authorizeRequest } from "@/lib/server/auth/request-user";
import { isAllowed, parseAllowList } from "./scrape-allow";

let cached: { text: string; list: ReturnType<typeof parseAllowList> } | undefined;

/**
 * /metrics needs a viewer: a bearer token (what Prometheus sends), a viewer session, or a caller
 * whose address is on EDGESCOPE_METRICS_ALLOW. The address is the one clientIp() reports, so the
 * allow-list is only as trustworthy as the proxy setup in front of Edgescope (docs/integrations.md).
 */
export async function authorizeScrape(req: NextRequest): Promise<void> {
  const text = getEnv().EDGESCOPE_METRICS_ALLOW;
  if (text && !req.headers.get("authorization")) {
    if (cached?.text !== text) cached = { text, list: parseAllowList(text) };
    if (isAllowed(cached.list, clientIp(req.headers))) return;
  }
  await authorizeRequest(req, "viewer");
}

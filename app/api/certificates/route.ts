// GET /api/certificates[?probe=1] — every certificate of every deployment, soonest expiry first.
// Cached audit results (the probe schedule keeps them fresh); ?probe=1 (engineer) handshakes now.
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getCertificateInventory } from "@/lib/server/certificates/certificate-inventory";
import { checksQuery, probeModeFor } from "@/lib/server/checks/check-query";
import { getProbeRunner } from "@/lib/server/checks/probe-runner";
import { getDb } from "@/lib/server/db/client";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: checksQuery }, async (ctx) => {
  const probes = probeModeFor(ctx.user, ctx.query);
  const result = await getCertificateInventory(getDb(), getProbeRunner(), probes);
  if (probes !== "cached") await auditRequest(ctx, "deployment.probe", "*", "certificates");
  return result;
});

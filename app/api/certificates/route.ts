// GET /api/certificates — every certificate of every deployment, soonest expiry first, from the
// cached audit results (the probe schedule keeps them fresh; a GET never sends packets).
// POST /api/certificates — "Audit now" (engineer, audited): every handshake runs afresh. A POST so
// the origin check every mutation gets applies to it.
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getCertificateInventory } from "@/lib/server/certificates/certificate-inventory";
import { checksQuery } from "@/lib/domain/checks-input";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import { getDb } from "@/lib/server/db/client";
import { getEnv } from "@/lib/env";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: checksQuery }, async () =>
  getCertificateInventory(getDb(), getProbeRunner(), "cached", getEnv().EDGESCOPE_CERT_REMINDER_DAYS),
);

export const POST = route({ role: "engineer" }, async (ctx) => {
  const result = await getCertificateInventory(
    getDb(),
    getProbeRunner(),
    "force",
    getEnv().EDGESCOPE_CERT_REMINDER_DAYS,
  );
  await auditRequest(ctx, "deployment.probe", "*", "certificates");
  return result;
});

// GET /api/settings · PUT /api/settings {…RetentionDays?, probeExtraTargets?} — admin.
import { settingsPatchSchema } from "@/lib/domain/settings";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { route } from "@/lib/server/http/route";
import { getProbeExtraTargets, probeExtraTargetsInput, setProbeExtraTargets } from "@/lib/server/probes/probe-targets";
import { getSettings, updateSettings } from "@/lib/server/settings/settings-store";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => ({
  ...(await getSettings(getDb())),
  probeExtraTargets: await getProbeExtraTargets(getDb()),
}));

const body = settingsPatchSchema.extend({ probeExtraTargets: probeExtraTargetsInput.optional() });

export const PUT = route({ role: "admin", body }, async (ctx) => {
  const { probeExtraTargets, ...patch } = ctx.body;
  const next = await updateSettings(getDb(), patch);
  const targets = probeExtraTargets
    ? await setProbeExtraTargets(getDb(), probeExtraTargets)
    : await getProbeExtraTargets(getDb());
  await auditRequest(ctx, "settings.update", undefined, JSON.stringify(ctx.body));
  return { ...next, probeExtraTargets: targets };
});

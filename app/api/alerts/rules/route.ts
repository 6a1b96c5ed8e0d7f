// GET /api/alerts/rules — every rule (engineer) · POST — adds one (admin).
import { ruleInput } from "@/lib/domain/alerts/inputs";
import { createRule, listRules } from "@/lib/server/alerts/rule-store";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";
import { markProvisioned } from "@/lib/server/provisioning/provisioned";

export const dynamic = "force-dynamic";

export const GET = route({ role: "engineer" }, async () => markProvisioned(getDb(), "rule", await listRules(getDb())));

export const POST = route({ role: "admin", body: ruleInput }, async (ctx) => {
  const rule = await createRule(getDb(), ctx.body);
  await auditRequest(
    ctx,
    "alert-rule.create",
    rule.name,
    `min ${rule.minSeverity}, ${rule.channelIds.length} channel(s)`,
  );
  return json(rule, 201);
});

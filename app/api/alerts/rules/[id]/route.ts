// PUT /api/alerts/rules/{id} — replaces a rule · DELETE — removes it, ending its alerts quietly (admin).
import { z } from "zod";
import { ruleInput } from "@/lib/domain/alerts/inputs";
import { deleteRule, updateRule } from "@/lib/server/alerts/rule-store";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";
import { refuseIfProvisioned } from "@/lib/server/provisioning/provisioned";

export const dynamic = "force-dynamic";

const params = z.object({ id: idParam });

export const PUT = route({ role: "admin", params, body: ruleInput }, async (ctx) => {
  await refuseIfProvisioned(getDb(), "rule", ctx.params.id);
  const rule = await updateRule(getDb(), ctx.params.id, ctx.body);
  await auditRequest(ctx, "alert-rule.update", rule.name, `min ${rule.minSeverity}, enabled ${rule.enabled}`);
  return rule;
});

export const DELETE = route({ role: "admin", params }, async (ctx) => {
  await refuseIfProvisioned(getDb(), "rule", ctx.params.id);
  const name = await deleteRule(getDb(), ctx.params.id);
  await auditRequest(ctx, "alert-rule.delete", name);
  return { ok: true };
});

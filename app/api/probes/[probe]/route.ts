// POST /api/probes/{turn|dns|tls|port} — runs one probe now against the target in the body (engineer).
import { z } from "zod";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/db/client";
import { PROBE_IDS, probes, runProbe, type Probe, type ProbeId } from "@/lib/server/probes";
import { assertProbeTargetAllowed } from "@/lib/server/probes/probe-targets";

export const dynamic = "force-dynamic";

const params = z.object({
  probe: z.enum(PROBE_IDS as [ProbeId, ...ProbeId[]], { message: `probe must be one of ${PROBE_IDS.join(", ")}` }),
});
/** Each probe validates its own body (runProbe parses it with the probe's zod schema). */
const body = z.record(z.string(), z.unknown());

export const POST = route({ role: "engineer", params, body }, async (ctx) => {
  const probe = probes[ctx.params.probe] as Probe<z.ZodType, unknown>;
  await assertProbeTargetAllowed(getDb(), ctx.user, probe.target(probe.input.parse(ctx.body)));
  const result = await runProbe(ctx.params.probe, ctx.body);
  // The target only: a TURN probe's password never goes to the audit log.
  const target = ["server", "target", "resolver", "name"]
    .map((k) => ctx.body[k])
    .filter((v) => typeof v === "string")
    .join(" ");
  await auditRequest(ctx, `probe.${ctx.params.probe}`, target, probes[ctx.params.probe].title);
  return result;
});

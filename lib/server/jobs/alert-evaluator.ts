import "server-only";
import { evaluateAlerts } from "@/lib/server/alerts/evaluator";
import { sendDueMessages } from "@/lib/server/alerts/sender";
import { holdJobLease } from "./job-lease";
import type { IntervalJob, JobDeps } from "./types";

/** One evaluator at a time across instances; the lease outlives a few ticks so a busy one keeps it. */
const leaseMs = (tickMs: number) => Math.max(3 * tickMs, 15_000);

export const alertEvaluatorJob: IntervalJob = {
  name: "alert-evaluator",
  everyMs: (env) => env.EDGESCOPE_ALERT_TICK_MS,
  firstAfterMs: (env) => env.EDGESCOPE_ALERT_TICK_MS,
  async run(d: JobDeps) {
    if (!(await holdJobLease(d.db, "alert-evaluator", d.instanceId, leaseMs(d.env.EDGESCOPE_ALERT_TICK_MS)))) return;
    const r = await evaluateAlerts(d);
    if (r.fired || r.resolved)
      d.log(`[edgescope] alerts: ${r.fired} fired, ${r.resolved} resolved, ${r.messages} messages queued`);
    // New messages go out now rather than at the sender's next tick.
    if (r.messages)
      await sendDueMessages({
        db: d.db,
        box: d.box,
        holder: d.instanceId,
        ctx: { webexApiUrl: d.env.EDGESCOPE_WEBEX_API_URL },
        log: d.log,
      });
  },
};

import "server-only";
import { sendDueMessages } from "@/lib/server/alerts/sender";
import type { IntervalJob } from "./types";

/** Every instance sends; each message is claimed by exactly one (lib/server/alerts/outbox.ts). */
export const alertSenderJob: IntervalJob = {
  name: "alert-sender",
  everyMs: (env) => env.EDGESCOPE_ALERT_TICK_MS,
  firstAfterMs: () => 1000,
  async run(d) {
    await sendDueMessages({
      db: d.db,
      box: d.box,
      holder: d.instanceId,
      ctx: { webexApiUrl: d.env.EDGESCOPE_WEBEX_API_URL },
      log: d.log,
    });
  },
};

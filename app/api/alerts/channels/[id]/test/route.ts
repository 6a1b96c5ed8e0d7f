// POST /api/alerts/channels/{id}/test — sends a test message now; 502 with the reason when it fails (admin).
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { sendChannelTest } from "@/lib/server/alerts/channel-test";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ role: "admin", params: z.object({ id: idParam }) }, async (ctx) => {
  try {
    const result = await sendChannelTest(getDb(), getEnv(), getSecretBox(), ctx.params.id);
    await auditRequest(ctx, "alert-channel.test", result.channel, "delivered");
    return result;
  } catch (err) {
    if (err instanceof AppError && err.status === 502)
      await auditRequest(ctx, "alert-channel.test", ctx.params.id, err.message);
    throw err;
  }
});

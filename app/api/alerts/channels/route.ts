// GET /api/alerts/channels — channels without their secrets (engineer) · POST — adds one (admin).
import { channelInput } from "@/lib/domain/alerts/inputs";
import { createChannel, listChannels } from "@/lib/server/alerts/channel-store";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";
import { markProvisioned } from "@/lib/server/provisioning/provisioned";

export const dynamic = "force-dynamic";

export const GET = route({ role: "engineer" }, async () =>
  markProvisioned(getDb(), "channel", await listChannels(getDb())),
);

export const POST = route({ role: "admin", body: channelInput }, async (ctx) => {
  const channel = await createChannel(getDb(), getSecretBox(), ctx.body);
  await auditRequest(
    ctx,
    "alert-channel.create",
    channel.name,
    `${channel.type}${channel.secretsSet.length ? `, secrets set: ${channel.secretsSet.join(", ")}` : ""}`,
  );
  return json(channel, 201);
});

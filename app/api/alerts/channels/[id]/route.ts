// PUT /api/alerts/channels/{id} — replaces a channel (secrets left out are kept) · DELETE — removes it (admin).
import { z } from "zod";
import { channelInput } from "@/lib/domain/alerts/inputs";
import { deleteChannel, updateChannel } from "@/lib/server/alerts/channel-store";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";
import { refuseIfProvisioned } from "@/lib/server/provisioning/provisioned";

export const dynamic = "force-dynamic";

const params = z.object({ id: idParam });

export const PUT = route({ role: "admin", params, body: channelInput }, async (ctx) => {
  await refuseIfProvisioned(getDb(), "channel", ctx.params.id);
  const channel = await updateChannel(getDb(), getSecretBox(), ctx.params.id, ctx.body);
  await auditRequest(ctx, "alert-channel.update", channel.name, `${channel.type}, enabled ${channel.enabled}`);
  return channel;
});

export const DELETE = route({ role: "admin", params }, async (ctx) => {
  await refuseIfProvisioned(getDb(), "channel", ctx.params.id);
  const name = await deleteChannel(getDb(), ctx.params.id);
  await auditRequest(ctx, "alert-channel.delete", name);
  return { ok: true };
});

import "server-only";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { createChannel, updateChannel } from "@/lib/server/alerts/channel-store";

export const DEMO_CHANNEL = "Lab receiver";
export const DEMO_RULE = "Lab: every failure";

/**
 * The demo's alerting: a webhook channel to the lab's receiver (GET <lab control>/notifications
 * shows what arrived) and one rule sending every failure of the lab deployment to it, with the
 * default timings. The channel's URL follows the lab's port at every start.
 */
export async function seedLabAlerting(
  db: Db,
  box: SecretBox,
  labControlUrl: string,
  deploymentId: string,
): Promise<void> {
  const config = { url: `${labControlUrl}/notifications/edgescope` };
  const existing = await db.alertChannel.findUnique({ where: { name: DEMO_CHANNEL } });
  const input = { name: DEMO_CHANNEL, type: "webhook" as const, config, enabled: true };
  const channel = existing ? await updateChannel(db, box, existing.id, input) : await createChannel(db, box, input);
  if (await db.alertRule.findUnique({ where: { name: DEMO_RULE } })) return;
  await db.alertRule.create({
    data: {
      name: DEMO_RULE,
      deploymentIds: JSON.stringify([deploymentId]),
      channelIds: JSON.stringify([channel.id]),
      minSeverity: "fail",
      notifyOnResolve: true,
    },
  });
}

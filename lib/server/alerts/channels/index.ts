import "server-only";
import type { ChannelConfig, ChannelType } from "@/lib/domain/alerts/channel-config";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { sendEmail } from "./email";
import { sendSlack } from "./slack";
import { sendTeams } from "./teams";
import { sendWebex } from "./webex";
import { sendWebhook } from "./webhook";

export interface SendContext {
  /** Base of the Webex REST API (EDGESCOPE_WEBEX_API_URL; tests point it at a loopback receiver) */
  webexApiUrl: string;
}

type Sender = (config: never, payload: AlertPayload, ctx: SendContext) => Promise<void>;

/** Every channel type's sender, listed once. Each throws DeliveryError with a reason on failure. */
export const SENDERS: Record<ChannelType, Sender> = {
  webhook: (c: ChannelConfig<"webhook">, p) => sendWebhook(c, p),
  email: (c: ChannelConfig<"email">, p) => sendEmail(c, p),
  teams: (c: ChannelConfig<"teams">, p) => sendTeams(c, p),
  webex: (c: ChannelConfig<"webex">, p, ctx) => sendWebex(c, p, ctx.webexApiUrl),
  slack: (c: ChannelConfig<"slack">, p) => sendSlack(c, p),
};

export { DeliveryError } from "./http-post";

import "server-only";
import nodemailer from "nodemailer";
import type { ChannelConfig } from "@/lib/domain/alerts/channel-config";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { plainTextOf, titleOf } from "@/lib/domain/alerts/render";
import { DELIVERY_TIMEOUT_MS, DeliveryError } from "./http-post";

/** SMTP through nodemailer: STARTTLS required, TLS from the start (465), or none; auth when a user is set. */
export async function sendEmail(config: ChannelConfig<"email">, payload: AlertPayload): Promise<void> {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === "tls",
    requireTLS: config.security === "starttls",
    ignoreTLS: config.security === "none",
    auth: config.username ? { user: config.username, pass: config.password ?? "" } : undefined,
    tls: config.caPem ? { ca: config.caPem } : undefined,
    connectionTimeout: DELIVERY_TIMEOUT_MS,
    greetingTimeout: DELIVERY_TIMEOUT_MS,
    socketTimeout: DELIVERY_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: titleOf(payload),
      text: plainTextOf(payload),
      headers: { "X-Edgescope-Message-Id": payload.messageId, "X-Edgescope-Event": payload.event },
    });
  } catch (err) {
    const e = err as Error & { code?: string; response?: string };
    throw new DeliveryError(
      `SMTP ${config.host}:${config.port}: ${e.response ?? e.message}${e.code ? ` (${e.code})` : ""}`,
    );
  } finally {
    transport.close();
  }
}

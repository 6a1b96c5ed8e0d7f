// Channel types and their configuration (isomorphic: the API validates with these, the UI builds
// its forms from them). Secret fields are sealed at rest and never sent back; a PUT that leaves
// one out keeps the stored value.
import { z } from "zod";

export const CHANNEL_TYPES = ["webhook", "email", "teams", "webex", "slack"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const httpUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL")
  .max(2000);
const email = z.string().trim().email().max(320);

/** Every type's fields; `secret` marks those sealed and write-only. */
export const CHANNEL_FIELDS: Record<
  ChannelType,
  readonly {
    key: string;
    label: string;
    secret?: boolean;
    optional?: boolean;
    kind?: "text" | "number" | "select" | "list" | "textarea";
    options?: readonly string[];
  }[]
> = {
  webhook: [
    { key: "url", label: "URL" },
    { key: "secret", label: "HMAC secret (X-Edgescope-Signature)", secret: true, optional: true },
  ],
  email: [
    { key: "host", label: "SMTP host" },
    { key: "port", label: "Port", kind: "number" },
    { key: "security", label: "Security", kind: "select", options: ["starttls", "tls", "none"] },
    { key: "username", label: "Username", optional: true },
    { key: "password", label: "Password", secret: true, optional: true },
    { key: "from", label: "From" },
    { key: "to", label: "To (comma-separated)", kind: "list" },
    { key: "caPem", label: "CA certificate (PEM) of the SMTP server", kind: "textarea", optional: true },
  ],
  teams: [{ key: "url", label: "Workflows webhook URL", secret: true }],
  webex: [
    { key: "roomId", label: "Room id" },
    { key: "token", label: "Bot access token", secret: true },
  ],
  slack: [{ key: "url", label: "Incoming webhook URL", secret: true }],
};

export const secretKeysOf = (type: ChannelType): string[] =>
  CHANNEL_FIELDS[type].filter((f) => f.secret).map((f) => f.key);

/** Full configuration (public + secret) per type, as the sender needs it. */
export const CHANNEL_CONFIG = {
  webhook: z.object({ url: httpUrl, secret: z.string().min(8, "at least 8 characters").max(500).optional() }).strict(),
  email: z
    .object({
      host: z.string().trim().min(1).max(253),
      port: z.coerce.number().int().min(1).max(65535),
      /** starttls: plain connect, STARTTLS required · tls: TLS from the first byte (465) · none: never encrypted */
      security: z.enum(["starttls", "tls", "none"]),
      username: z.string().max(200).optional(),
      password: z.string().max(500).optional(),
      from: email,
      to: z.array(email).min(1).max(50),
      caPem: z.string().max(20_000).includes("-----BEGIN CERTIFICATE-----").optional(),
    })
    .strict(),
  teams: z.object({ url: httpUrl }).strict(),
  webex: z.object({ roomId: z.string().trim().min(1).max(500), token: z.string().min(1).max(2000) }).strict(),
  slack: z.object({ url: httpUrl }).strict(),
} satisfies Record<ChannelType, z.ZodType>;

export type ChannelConfig<T extends ChannelType = ChannelType> = z.infer<(typeof CHANNEL_CONFIG)[T]>;

/** Splits a full configuration into what may be shown and what is sealed. */
export function splitSecrets(
  type: ChannelType,
  config: Record<string, unknown>,
): { pub: Record<string, unknown>; secrets: Record<string, unknown> } {
  const keys = new Set(secretKeysOf(type));
  const pub: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) if (v !== undefined && v !== "") (keys.has(k) ? secrets : pub)[k] = v;
  return { pub, secrets };
}

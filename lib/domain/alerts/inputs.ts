// API inputs of alerting (isomorphic: routes validate with them, forms share the rules).
import { z } from "zod";
import { CHECK_AREAS } from "../checks";
import { CHANNEL_TYPES } from "./channel-config";

const id = z.string().regex(/^[a-z0-9]{10,40}$/i, "must be an Edgescope id");

export const channelInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    type: z.enum(CHANNEL_TYPES),
    /** Validated per type by CHANNEL_CONFIG once stored secrets are merged in */
    config: z.record(z.string(), z.unknown()),
    enabled: z.boolean().default(true),
  })
  .strict();
export type ChannelInput = z.infer<typeof channelInput>;

export const ruleInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    deploymentIds: z.array(id).max(500).optional(),
    areas: z.array(z.enum(CHECK_AREAS)).optional(),
    checkIds: z
      .array(z.string().regex(/^[\w.-]{1,64}$/))
      .max(100)
      .optional(),
    /** fail: only failures · warn: warnings too */
    minSeverity: z.enum(["fail", "warn"]),
    pendingSeconds: z.number().int().min(0).max(86_400).nullish(),
    recoverySeconds: z.number().int().min(0).max(86_400).nullish(),
    repeatMinutes: z.number().int().min(1).max(10_080).nullish(),
    channelIds: z.array(id).max(20),
    notifyOnResolve: z.boolean().default(true),
    enabled: z.boolean().default(true),
  })
  .strict();
export type RuleInput = z.infer<typeof ruleInput>;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const windowBase = { deploymentId: id.nullable(), reason: z.string().trim().min(1).max(500) };
export const maintenanceInput = z.union([
  z
    .object({ ...windowBase, start: z.coerce.date(), end: z.coerce.date() })
    .strict()
    .refine((w) => w.end > w.start, { message: "end must be after start", path: ["end"] }),
  z
    .object({
      ...windowBase,
      /** 5 or 6 fields (croner syntax); e.g. "0 2 * * 0" = Sundays 02:00 */
      cron: z.string().trim().min(9).max(120),
      durationMinutes: z.number().int().min(1).max(10_080),
      timezone: z.string().refine(isTimeZone, "not an IANA time zone"),
    })
    .strict(),
]);
export type MaintenanceInput = z.infer<typeof maintenanceInput>;

export const silenceInput = z.object({ minutes: z.number().int().min(1).max(43_200) }).strict();
export const ALERT_LIST_STATES = ["firing", "resolved", "silenced"] as const;

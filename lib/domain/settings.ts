// Run-time settings an admin changes in the UI (isomorphic schema and defaults).
import { z } from "zod";

export const settingsSchema = z.object({
  /** Raw poll samples older than this are deleted (charts of older ranges use rollups). */
  rawSampleRetentionDays: z.coerce.number().int().min(1, "At least 1 day").max(3650, "At most 3650 days").default(30),
  /** Poll attempts (PollRun) are only needed for recent error views and availability. */
  pollRunRetentionDays: z.coerce.number().int().min(1, "At least 1 day").max(3650, "At most 3650 days").default(30),
  /** Audit entries are kept longer: they answer "who changed this?" months later. */
  auditRetentionDays: z.coerce.number().int().min(30, "At least 30 days").max(3650, "At most 3650 days").default(365),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

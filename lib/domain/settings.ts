// Run-time settings an admin changes in the UI (isomorphic schema and defaults).
import { z } from "zod";

export const settingsSchema = z.object({
  /** Raw poll samples older than this are deleted (charts of older ranges use rollups). */
  rawSampleRetentionDays: z.coerce.number().int().min(1, "At least 1 day").max(3650, "At most 3650 days").default(30),
  /**
   * 1-minute rollups answer charts with 1–15 min buckets: ranges up to ~10 days (lib/domain/charts.ts
   * bucketFor). 14 days covers the "last 7 days" view and a custom 10-day range with margin.
   */
  rollupMinuteRetentionDays: z.coerce.number().int().min(1, "At least 1 day").max(3650, "At most 3650 days").default(14),
  /**
   * Hourly rollups answer 1–6 h buckets: ranges up to 250 days. 400 days keeps every range the
   * API accepts (≤ 400 days) at hourly detail, e.g. this month against the same month last year.
   */
  rollupHourRetentionDays: z.coerce.number().int().min(1, "At least 1 day").max(3650, "At most 3650 days").default(400),
  /** Daily rollups cost one row per series per day (~100 B): five years for capacity trends. */
  rollupDayRetentionDays: z.coerce.number().int().min(1, "At least 1 day").max(3650, "At most 3650 days").default(1825),
  /** Poll attempts (PollRun) are only needed for recent error views and availability. */
  pollRunRetentionDays: z.coerce.number().int().min(1, "At least 1 day").max(3650, "At most 3650 days").default(30),
  /** Audit entries are kept longer: they answer "who changed this?" months later. */
  auditRetentionDays: z.coerce.number().int().min(30, "At least 30 days").max(3650, "At most 3650 days").default(365),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

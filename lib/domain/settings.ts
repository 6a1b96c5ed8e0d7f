// Run-time settings an admin changes in the UI (isomorphic schema and defaults).
import { z } from "zod";
import type { HistorySource } from "./rollup-tiers";

// Strict numbers: a JSON true, "0x10" or "1e1" is a mistake to report, not a value to coerce.
const number = () => z.number({ message: "Must be a whole number of days" }).int("Must be a whole number of days");
const days = number().min(1, "At least 1 day").max(3650, "At most 3650 days");

/** A form field's text as a number when it is plain decimal digits; anything else stays text and fails validation. */
export const decimalField = (v: unknown) =>
  typeof v === "string" && /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : v;

export const settingsSchema = z.object({
  /** Raw poll samples older than this are deleted (charts of older ranges use rollups). */
  rawSampleRetentionDays: number().min(1, "At least 1 day").max(3650, "At most 3650 days").default(30),
  // Rollup tiers (lib/domain/rollup-tiers.ts): each is the chart bucket of a band of ranges, and
  // an older range steps to the next coarser tier still kept. Tiers kept longer than raw samples
  // count towards P4 (≤ 20 KB per node-day, tests/bench/storage.bench.ts); 1 and 5 minutes do not.
  /** 1-minute rollups answer ranges of ~3–16 hours; 14 days: last week's incidents minute by minute. */
  rollupMinuteRetentionDays: days.default(14),
  /** 5-minute rollups answer the 24-hour view and ranges up to 3.5 days; as long as raw samples. */
  rollup5MinuteRetentionDays: days.default(30),
  /** 15-minute rollups answer the 7-day view and ranges up to 10 days, for any week of the last quarter. */
  rollup15MinuteRetentionDays: days.default(90),
  /**
   * Hourly rollups answer the 30-day view and ranges up to 41 days. 400 days keeps every range
   * the API accepts (≤ 400 days) at hourly detail or better, e.g. this month against the same month last year.
   */
  rollupHourRetentionDays: days.default(400),
  /** 6-hour rollups answer the 90-day view and ranges up to 250 days; 4 rows a day, so two years. */
  rollup6HourRetentionDays: days.default(730),
  /** Daily rollups cost one row per series per day (~100 B): five years for capacity trends. */
  rollupDayRetentionDays: days.default(1825),
  /** Poll attempts (PollRun) are only needed for recent error views and availability. */
  pollRunRetentionDays: number().min(1, "At least 1 day").max(3650, "At most 3650 days").default(30),
  /** Audit entries are kept longer: they answer "who changed this?" months later. */
  auditRetentionDays: number().min(30, "At least 30 days").max(3650, "At most 3650 days").default(365),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** The setting that says how long each history source (raw samples, each rollup tier) is kept. */
export const RETENTION_SETTING: Record<HistorySource, keyof Settings> = {
  raw: "rawSampleRetentionDays",
  "1m": "rollupMinuteRetentionDays",
  "5m": "rollup5MinuteRetentionDays",
  "15m": "rollup15MinuteRetentionDays",
  "1h": "rollupHourRetentionDays",
  "6h": "rollup6HourRetentionDays",
  "1d": "rollupDayRetentionDays",
};

/**
 * A change to some settings (PUT /api/settings): only the fields given, strictly typed, unknown
 * keys refused. Built without the defaults, so a field left out keeps its stored value.
 */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries(Object.entries(settingsSchema.shape).map(([k, v]) => [k, v.unwrap().optional()])) as {
      [K in keyof Settings]: z.ZodOptional<z.ZodNumber>;
    },
  )
  .strict();

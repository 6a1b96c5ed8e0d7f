import { describe, expect, it } from "vitest";
import {
  formatClock,
  formatDateTime,
  formatDay,
  formatInputDateTime,
  formatSinceTime,
  parseInputDateTime,
  tickLabel,
  timeAxis,
  zoneOffsetMs,
} from "@/lib/domain/time-format";

const UTC = { timeZone: "UTC" };
const T = Date.UTC(2026, 10, 25, 14, 2, 31); // 25 Nov 2026 14:02:31 UTC
const H = 3_600_000;
const D = 24 * H;

describe("one 24-hour format", () => {
  it("writes clock, day and date-time the same way everywhere", () => {
    expect(formatClock(T, UTC)).toBe("14:02");
    expect(formatClock(T, { ...UTC, seconds: true })).toBe("14:02:31");
    expect(formatClock(Date.UTC(2026, 0, 1, 0, 5), UTC)).toBe("00:05");
    expect(formatDay(T, UTC)).toBe("25 Nov");
    expect(formatDateTime(T, UTC)).toBe("25 Nov 2026 14:02");
    expect(formatDateTime(new Date(T).toISOString(), { ...UTC, seconds: true })).toBe("25 Nov 2026 14:02:31");
    expect(formatDateTime("not a date", UTC)).toBe("–");
    expect(formatDay(Date.UTC(2026, 8, 3), UTC)).toBe("3 Sep");
  });
  it("never says AM or PM, whatever the zone", () => {
    for (const timeZone of ["America/New_York", "Asia/Kolkata", "UTC"])
      expect(formatDateTime(T, { timeZone })).not.toMatch(/AM|PM/i);
    expect(formatClock(T, { timeZone: "America/New_York" })).toBe("09:02");
  });
  it("dates a since only when it is 20 hours or more ago", () => {
    expect(formatSinceTime(T - H, T, UTC)).toBe("13:02");
    expect(formatSinceTime(T - 2 * D, T, UTC)).toBe("23 Nov 14:02");
  });
});

describe("timeAxis", () => {
  it("puts round times on an hour: quarter hours", () => {
    const from = Date.UTC(2026, 10, 25, 13, 7);
    const { ticks, stepMs } = timeAxis(from, from + H, UTC);
    expect(stepMs).toBe(15 * 60_000);
    expect(ticks.map((t) => tickLabel(t, stepMs, UTC))).toEqual(["13:15", "13:30", "13:45", "14:00"]);
  });
  it("shows times on a two-day custom range, with the date at midnight", () => {
    const from = Date.UTC(2026, 10, 24, 10);
    const { ticks, stepMs } = timeAxis(from, from + 2 * D, UTC);
    expect(stepMs).toBe(6 * H);
    const labels = ticks.map((t) => tickLabel(t, stepMs, UTC));
    expect(labels).toEqual(["12:00", "18:00", "25 Nov", "06:00", "12:00", "18:00", "26 Nov", "06:00"]);
  });
  it("uses dates for long ranges, never more ticks than asked", () => {
    const from = Date.UTC(2026, 0, 1);
    for (const span of [7 * D, 30 * D, 90 * D, 365 * D]) {
      const { ticks, stepMs } = timeAxis(from, from + span, { ...UTC, maxTicks: 8 });
      expect(ticks.length).toBeGreaterThan(2);
      expect(ticks.length).toBeLessThanOrEqual(9);
      expect(stepMs).toBeGreaterThanOrEqual(D);
      expect(ticks.every((t) => t >= from && t <= from + span)).toBe(true);
      expect(tickLabel(ticks[0]!, stepMs, UTC)).toMatch(/^(\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{4})$/);
    }
  });
  it("aligns to local midnight in the viewer's zone", () => {
    const from = Date.UTC(2026, 5, 1, 12);
    const tz = { timeZone: "Europe/Berlin" };
    expect(zoneOffsetMs(from, tz.timeZone)).toBe(2 * H);
    const { ticks, stepMs } = timeAxis(from, from + 5 * D, tz);
    expect(stepMs).toBe(D);
    expect(ticks.every((t) => formatClock(t, tz) === "00:00")).toBe(true);
  });
  it("ticks a year on month starts", () => {
    const from = Date.UTC(2025, 11, 2, 6);
    const { ticks, stepMs } = timeAxis(from, from + 365 * D, UTC);
    const labels = ticks.map((t) => tickLabel(t, stepMs, UTC));
    expect(labels).toEqual(["Jan 2026", "Mar 2026", "May 2026", "Jul 2026", "Sep 2026", "Nov 2026"]);
    expect(ticks.every((t) => new Date(t).getUTCDate() === 1 && new Date(t).getUTCHours() === 0)).toBe(true);
  });
});

describe("custom-range fields", () => {
  it("write and read 24-hour local times, and refuse anything else", () => {
    const berlin = { timeZone: "Europe/Berlin" };
    expect(formatInputDateTime(T, UTC)).toBe("2026-11-25 14:02");
    expect(formatInputDateTime(T, berlin)).toBe("2026-11-25 15:02");
    expect(parseInputDateTime("2026-11-25 15:02", berlin)).toBe(Date.UTC(2026, 10, 25, 14, 2));
    expect(parseInputDateTime("2026-06-01T00:30", berlin)).toBe(Date.UTC(2026, 4, 31, 22, 30));
    for (const bad of [
      "2026-02-30 10:00",
      "2026-11-25 24:00",
      "2026-11-25 9:00",
      "25/11/2026 14:02",
      "2026-11-25 02:02 PM",
      "",
    ])
      expect(parseInputDateTime(bad, UTC)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { maintenanceInput } from "@/lib/domain/alerts/inputs";
import { nextStart, windowActive } from "@/lib/server/alerts/maintenance";

const recurring = (cron: string, durationMinutes: number, timezone: string) => ({
  cron,
  durationMinutes,
  timezone,
  startsAt: null,
  endsAt: null,
});
const at = (iso: string) => new Date(iso);

describe("windowActive", () => {
  it.each([
    [
      "one-off, inside",
      {
        startsAt: at("2026-12-05T22:00:00Z"),
        endsAt: at("2026-12-06T01:00:00Z"),
        cron: null,
        durationMinutes: null,
        timezone: null,
      },
      "2026-12-05T23:00:00Z",
      true,
    ],
    [
      "one-off, at its end",
      {
        startsAt: at("2026-12-05T22:00:00Z"),
        endsAt: at("2026-12-06T01:00:00Z"),
        cron: null,
        durationMinutes: null,
        timezone: null,
      },
      "2026-12-06T01:00:00Z",
      false,
    ],
    [
      "one-off, before",
      {
        startsAt: at("2026-12-05T22:00:00Z"),
        endsAt: at("2026-12-06T01:00:00Z"),
        cron: null,
        durationMinutes: null,
        timezone: null,
      },
      "2026-12-05T21:59:59Z",
      false,
    ],
    // Sundays 02:00 in Zurich: 01:00 UTC in winter (CET), 00:00 UTC in summer (CEST).
    ["weekly, winter, at its start", recurring("0 2 * * 0", 120, "Europe/Zurich"), "2026-12-06T01:00:00Z", true],
    ["weekly, winter, inside", recurring("0 2 * * 0", 120, "Europe/Zurich"), "2026-12-06T02:59:00Z", true],
    ["weekly, winter, after", recurring("0 2 * * 0", 120, "Europe/Zurich"), "2026-12-06T03:00:00Z", false],
    ["weekly, summer, local 02:30", recurring("0 2 * * 0", 120, "Europe/Zurich"), "2026-07-05T00:30:00Z", true],
    [
      "weekly, summer, 01:30 UTC is 03:30 local",
      recurring("0 2 * * 0", 60, "Europe/Zurich"),
      "2026-07-05T01:30:00Z",
      false,
    ],
    ["weekly, another day", recurring("0 2 * * 0", 120, "Europe/Zurich"), "2026-12-07T01:30:00Z", false],
    ["daily spanning midnight", recurring("30 23 * * *", 90, "UTC"), "2026-12-07T00:30:00Z", true],
  ] as const)("%s", (_n, w, now, expected) => {
    expect(windowActive(w, at(now))).toBe(expected);
  });

  it("nextStart of a recurring window is its next cron time in its zone", () => {
    expect(nextStart(recurring("0 2 * * 0", 60, "Europe/Zurich"), at("2026-12-02T00:00:00Z"))?.toISOString()).toBe(
      "2026-12-06T01:00:00.000Z",
    );
  });
});

describe("maintenanceInput", () => {
  it.each([
    [{ deploymentId: null, start: "2026-12-05T22:00:00Z", end: "2026-12-06T01:00:00Z", reason: "upgrade" }, true],
    [{ deploymentId: null, start: "2026-12-05T22:00:00Z", end: "2026-12-05T21:00:00Z", reason: "upgrade" }, false],
    [{ deploymentId: null, cron: "0 2 * * 0", durationMinutes: 60, timezone: "Europe/Zurich", reason: "backup" }, true],
    [
      { deploymentId: null, cron: "0 2 * * 0", durationMinutes: 60, timezone: "Nowhere/Special", reason: "backup" },
      false,
    ],
    [{ deploymentId: null, cron: "0 2 * * 0", durationMinutes: 0, timezone: "UTC", reason: "backup" }, false],
    [{ deploymentId: null, start: "2026-12-05T22:00:00Z", end: "2026-12-06T01:00:00Z" }, false],
    [
      {
        deploymentId: null,
        start: "2026-12-05T22:00:00Z",
        end: "2026-12-06T01:00:00Z",
        reason: "x",
        cron: "0 2 * * 0",
      },
      false,
    ],
  ])("%j → valid %s", (input, valid) => {
    expect(maintenanceInput.safeParse(input).success).toBe(valid);
  });
});

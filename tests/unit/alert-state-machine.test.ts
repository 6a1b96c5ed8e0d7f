import { describe, expect, it } from "vitest";
import { formatDuration, messageDue, stepAlert, type LiveAlert, type Reading } from "@/lib/domain/alerts/state-machine";

const T = { pendingMs: 60_000, recoveryMs: 60_000 };
const NOW = 1_000_000;
const live = (state: LiveAlert["state"], since: number, okSince: number | null = null): LiveAlert => ({
  state,
  since,
  okSince,
});

describe("stepAlert", () => {
  const cases: [string, LiveAlert | null, Reading, ReturnType<typeof stepAlert>][] = [
    ["nothing wrong, nothing open", null, { status: "ok" }, { kind: "none" }],
    ["unknown data opens nothing", null, { status: "hold" }, { kind: "none" }],
    [
      "new failure opens pending",
      null,
      { status: "bad", since: NOW - 10_000 },
      { kind: "open", state: "pending", since: NOW - 10_000 },
    ],
    [
      "failure older than pending opens firing",
      null,
      { status: "bad", since: NOW - 60_000 },
      { kind: "open", state: "firing", since: NOW - 60_000 },
    ],
    [
      "pending fires after the pending time",
      live("pending", NOW - 60_000),
      { status: "bad", since: NOW - 60_000 },
      { kind: "update", state: "firing", since: NOW - 60_000, okSince: null, fired: true },
    ],
    ["pending waits", live("pending", NOW - 30_000), { status: "bad", since: NOW - 30_000 }, { kind: "none" }],
    [
      "a blip restarts pending",
      live("pending", NOW - 50_000),
      { status: "bad", since: NOW - 5_000 },
      { kind: "update", state: "pending", since: NOW - 5_000, okSince: null, fired: false },
    ],
    ["pending that clears is dropped", live("pending", NOW - 30_000), { status: "ok" }, { kind: "drop" }],
    ["unknown holds pending", live("pending", NOW - 90_000), { status: "hold" }, { kind: "none" }],
    [
      "firing stays firing while bad",
      live("firing", NOW - 90_000),
      { status: "bad", since: NOW - 90_000 },
      { kind: "none" },
    ],
    [
      "firing → recovering when good",
      live("firing", NOW - 90_000),
      { status: "ok", since: NOW - 5_000 },
      { kind: "update", state: "recovering", since: NOW - 90_000, okSince: NOW - 5_000, fired: false },
    ],
    [
      "good for the recovery time resolves",
      live("recovering", NOW - 200_000, NOW - 60_000),
      { status: "ok", since: NOW - 60_000 },
      { kind: "resolve", at: NOW },
    ],
    [
      "bad again while recovering: firing, no new message",
      live("recovering", NOW - 200_000, NOW - 30_000),
      { status: "bad", since: NOW - 1000 },
      { kind: "update", state: "firing", since: NOW - 200_000, okSince: null, fired: false },
    ],
    [
      "a failure seen in the data restarts recovery",
      live("recovering", NOW - 200_000, NOW - 59_000),
      { status: "ok", since: NOW - 2_000 },
      { kind: "update", state: "recovering", since: NOW - 200_000, okSince: NOW - 2_000, fired: false },
    ],
    [
      "stale data never resolves",
      live("recovering", NOW - 200_000, NOW - 120_000),
      { status: "hold" },
      { kind: "none" },
    ],
    ["stale data never fires", live("pending", NOW - 120_000), { status: "hold" }, { kind: "none" }],
  ];
  it.each(cases)("%s", (_name, alert, reading, expected) => {
    expect(stepAlert(alert, reading, T, NOW)).toEqual(expected);
  });

  it("a condition flapping every 30 s for an hour fires once and never resolves", () => {
    let a: LiveAlert | null = null;
    let fires = 0;
    let resolves = 0;
    for (let t = 0; t < 3_600_000; t += 5_000) {
      const bad = Math.floor(t / 30_000) % 2 === 0;
      const flipAt = Math.floor(t / 30_000) * 30_000;
      // Bad half-minutes start at flipAt; good ones too. The first bad streak lasts 90 s so it fires.
      const reading: Reading =
        t < 90_000
          ? { status: "bad", since: 0 }
          : bad
            ? { status: "bad", since: flipAt }
            : { status: "ok", since: flipAt };
      const s = stepAlert(a, reading, T, t);
      if (s.kind === "open") a = { state: s.state, since: s.since, okSince: null };
      if (s.kind === "update") a = { state: s.state, since: s.since, okSince: s.okSince };
      if ((s.kind === "open" && s.state === "firing") || (s.kind === "update" && s.fired)) fires++;
      if (s.kind === "resolve") {
        resolves++;
        a = null;
      }
      if (s.kind === "drop") a = null;
    }
    expect([fires, resolves]).toEqual([1, 0]);
  });
});

describe("messageDue", () => {
  it.each([
    [
      "fired and not sent, not muted",
      { state: "firing", notified: false, lastNotifiedAt: null },
      false,
      null,
      "firing",
    ],
    ["fired while muted", { state: "firing", notified: false, lastNotifiedAt: null }, true, null, null],
    [
      "already sent, no repeat",
      { state: "firing", notified: true, lastNotifiedAt: NOW - 3_600_000 },
      false,
      null,
      null,
    ],
    ["repeat due", { state: "firing", notified: true, lastNotifiedAt: NOW - 600_000 }, false, 600_000, "repeat"],
    ["repeat not yet due", { state: "firing", notified: true, lastNotifiedAt: NOW - 500_000 }, false, 600_000, null],
    [
      "no repeat while silenced",
      { state: "firing", notified: true, lastNotifiedAt: NOW - 600_000 },
      true,
      600_000,
      null,
    ],
    [
      "no repeat while recovering",
      { state: "recovering", notified: true, lastNotifiedAt: NOW - 600_000 },
      false,
      600_000,
      null,
    ],
    ["pending owes nothing", { state: "pending", notified: false, lastNotifiedAt: null }, false, null, null],
  ] as const)("%s", (_n, a, muted, repeat, expected) => {
    expect(messageDue(a, muted, repeat, NOW)).toBe(expected);
  });
});

it("formatDuration", () => {
  expect([
    formatDuration(45_000),
    formatDuration(125_000),
    formatDuration(7_500_000),
    formatDuration(90_000_000),
  ]).toEqual(["45 s", "2 min 5 s", "2 h 5 min", "1 d 1 h"]);
});

// One alert's life, as a pure function of what the data says now (used by the evaluator, tested
// as a table). Thresholds in both directions: an alert fires only after the condition has been
// bad for the pending time and resolves only after it has been good for the recovery time, so a
// flapping node gives one alert, not one per flap. "hold" (unknown data, e.g. stale) moves
// neither timer: it is never a fake failure or a fake recovery.

export type LiveState = "pending" | "firing" | "recovering";
export type AlertState = LiveState | "resolved";

export interface LiveAlert {
  state: LiveState;
  /** When the condition went bad (ms) */
  since: number;
  /** When it turned good again while firing (ms) */
  okSince: number | null;
}

/** What the data says: bad since a time, good (since a time if known), or nothing to go on. */
export type Reading = { status: "bad"; since: number } | { status: "ok"; since?: number } | { status: "hold" };

export interface Timers {
  pendingMs: number;
  recoveryMs: number;
}

export type Step =
  | { kind: "none" }
  /** A new alert: pending, or firing at once when the condition has been bad long enough */
  | { kind: "open"; state: "pending" | "firing"; since: number }
  /** pending → firing (fire), firing ⇄ recovering (timer only), with the fields to write */
  | { kind: "update"; state: LiveState; since: number; okSince: number | null; fired: boolean }
  /** A pending alert whose condition cleared before it fired: forget it, nothing was sent */
  | { kind: "drop" }
  /** Good for the whole recovery time */
  | { kind: "resolve"; at: number };

export function stepAlert(alert: LiveAlert | null, r: Reading, t: Timers, now: number): Step {
  if (!alert) {
    if (r.status !== "bad") return { kind: "none" };
    return { kind: "open", state: now - r.since >= t.pendingMs ? "firing" : "pending", since: r.since };
  }
  if (r.status === "hold") return { kind: "none" };
  if (alert.state === "pending") {
    if (r.status === "ok") return { kind: "drop" };
    // The data's own start of the bad streak: a blip that cleared between two looks restarts it.
    const since = Math.max(alert.since, r.since);
    if (now - since >= t.pendingMs) return { kind: "update", state: "firing", since, okSince: null, fired: true };
    return since === alert.since
      ? { kind: "none" }
      : { kind: "update", state: "pending", since, okSince: null, fired: false };
  }
  if (r.status === "bad") {
    // Bad again while recovering: back to firing, no new message (flap control).
    return alert.state === "recovering"
      ? { kind: "update", state: "firing", since: alert.since, okSince: null, fired: false }
      : { kind: "none" };
  }
  // The data's own start of the good streak: a failure seen in between restarts the timer.
  const okSince = Math.max(alert.okSince ?? 0, Math.min(now, r.since ?? alert.okSince ?? now));
  if (alert.state === "recovering" && okSince !== alert.okSince && now - okSince < t.recoveryMs) {
    return { kind: "update", state: "recovering", since: alert.since, okSince, fired: false };
  }
  if (now - okSince >= t.recoveryMs) return { kind: "resolve", at: now };
  return alert.state === "recovering"
    ? { kind: "none" }
    : { kind: "update", state: "recovering", since: alert.since, okSince, fired: false };
}

/** Which message a live alert owes now, given whether it is muted (silence or maintenance). */
export function messageDue(
  a: { state: AlertState; notified: boolean; lastNotifiedAt: number | null },
  muted: boolean,
  repeatMs: number | null,
  now: number,
): "firing" | "repeat" | null {
  if (muted || a.state === "pending" || a.state === "resolved") return null;
  // Fired while muted: sent when the window or silence ends, if it is still firing then.
  if (!a.notified) return a.state === "firing" ? "firing" : null;
  if (repeatMs && a.state === "firing" && a.lastNotifiedAt !== null && now - a.lastNotifiedAt >= repeatMs)
    return "repeat";
  return null;
}

/** "2 h 5 min", "45 s": how long an alert lasted, for resolve messages. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${s % 60} s`;
  return `${s} s`;
}

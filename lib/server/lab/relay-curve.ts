import "server-only";

// Relay counts (and a Meeting Server's media load) that look like a working day: quiet nights and
// weekends, a morning ramp, a lunch dip, an afternoon plateau, plus noise. Hours are UTC so runs
// are reproducible.

/** Busy-hour relays of one Expressway-E node in the lab (a Small VM allows 1800). */
const BUSY_HOUR_RELAYS = 120;
const NIGHT_RELAYS = 2;

/** Smooth 0..1 load of a working day at a fractional UTC hour (pure). */
export function dayLoad(hour: number, weekday: number): number {
  const weekend = weekday === 0 || weekday === 6;
  const bump = (center: number, width: number) => Math.exp(-(((hour - center) / width) ** 2));
  const load = 0.9 * bump(10.5, 2.2) + 0.8 * bump(15, 2.4) - 0.25 * bump(12.5, 0.7);
  return Math.max(0, Math.min(1, load)) * (weekend ? 0.15 : 1);
}

/** Relays at `at` for node `index`; `noise` in [-1, 1] (injected for tests). */
export function relaysAt(at: Date, index: number, noise: number): number {
  const hour = at.getUTCHours() + at.getUTCMinutes() / 60 + at.getUTCSeconds() / 3600;
  const base = NIGHT_RELAYS + BUSY_HOUR_RELAYS * dayLoad(hour, at.getUTCDay()) * (index % 2 === 0 ? 1 : 0.8);
  return Math.max(0, Math.round(base * (1 + 0.15 * noise) + 2 * noise));
}

/** Busy-hour media processing load of the lab's Call Bridge: its normal load, well under loadLimit. */
const BUSY_HOUR_LOAD = 120;
const NIGHT_LOAD = 5;

/** A Meeting Server's media processing load at `at` on the same working day as the relays; `noise` in [-1, 1]. */
export function mediaLoadAt(at: Date, noise: number): number {
  const hour = at.getUTCHours() + at.getUTCMinutes() / 60 + at.getUTCSeconds() / 3600;
  const base = NIGHT_LOAD + (BUSY_HOUR_LOAD - NIGHT_LOAD) * dayLoad(hour, at.getUTCDay());
  return Math.max(0, Math.round(base * (1 + 0.1 * noise)));
}

/** Busy-hour traversal calls of one lab Expressway: well under the lab's 50 licensed (R2 warns at 40). */
const BUSY_HOUR_CALLS = 30;

/** Calls in use of one licence kind at `at` on the same working day; `busy` at the busy hour, `noise` in [-1, 1]. */
export function callsAt(at: Date, noise: number, busy = BUSY_HOUR_CALLS): number {
  const hour = at.getUTCHours() + at.getUTCMinutes() / 60 + at.getUTCSeconds() / 3600;
  const base = 1 + (busy - 1) * dayLoad(hour, at.getUTCDay());
  return Math.max(0, Math.round(base * (1 + 0.1 * noise)));
}

/** Running counters an Expressway keeps: current, peak (Max) and total relays since start. */
export class RelayCounter {
  current = 0;
  peak = 0;
  total = 0;

  constructor(
    private readonly index: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Moves the counters to time `at`; new relays since the last reading add to the total. */
  advance(at: Date): void {
    const next = relaysAt(at, this.index, this.random() * 2 - 1);
    // Some relays end and others start between polls: the total grows even when current is flat.
    const churn = Math.round(next * 0.05 * this.random());
    this.total += Math.max(0, next - this.current) + churn;
    this.current = next;
    this.peak = Math.max(this.peak, next);
  }
}

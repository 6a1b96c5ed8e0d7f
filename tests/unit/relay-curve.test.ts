import { describe, expect, it } from "vitest";
import { dayLoad, mediaLoadAt, RelayCounter, relaysAt } from "@/lib/server/lab/relay-curve";

describe("lab relay curve", () => {
  it("is busy on weekday mornings, quiet at night and on weekends", () => {
    expect(dayLoad(10.5, 2)).toBeGreaterThan(0.8);
    expect(dayLoad(3, 2)).toBeLessThan(0.01);
    expect(dayLoad(10.5, 6)).toBeLessThan(0.2);
    expect(dayLoad(12.5, 2)).toBeLessThan(dayLoad(10.5, 2)); // lunch dip
  });

  it("adds noise within bounds", () => {
    const at = new Date("2026-11-24T10:30:00Z");
    expect(relaysAt(at, 0, 1)).toBeGreaterThan(relaysAt(at, 0, -1));
  });

  it("keeps peak ≥ current and a total that never decreases", () => {
    const c = new RelayCounter(0, () => 0.5);
    let lastTotal = 0;
    for (let m = 0; m < 24 * 60; m += 7) {
      c.advance(new Date(Date.UTC(2026, 10, 24, 0, m)));
      expect(c.peak).toBeGreaterThanOrEqual(c.current);
      expect(c.total).toBeGreaterThanOrEqual(lastTotal);
      lastTotal = c.total;
    }
    expect(c.peak).toBeGreaterThan(50);
  });
});

describe("lab media load curve (demo history)", () => {
  it("follows the working day, under the lab's loadLimit", () => {
    const busy = mediaLoadAt(new Date("2026-11-24T10:30:00Z"), 0);
    expect(busy).toBeGreaterThan(100);
    expect(mediaLoadAt(new Date("2026-11-24T10:30:00Z"), 1)).toBeLessThan(1000);
    expect(mediaLoadAt(new Date("2026-11-24T03:00:00Z"), 0)).toBeLessThan(10);
    expect(mediaLoadAt(new Date("2026-11-28T10:30:00Z"), 0)).toBeLessThan(busy / 3); // a Saturday
  });
});

import { describe, expect, it } from "vitest";
import { Limiter } from "@/lib/server/transport/limiter";

describe("Limiter", () => {
  it("never runs more than max at once, even for a caller arriving as a slot is handed over", async () => {
    const l = new Limiter(1);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    };
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    const first = l.run(() => gate); // the limiter awaits the gate itself, before the hook below
    const second = l.run(task); // waits for the one slot
    let third: Promise<void> | undefined;
    // Runs right after the first task's release, before the waiting second resumes.
    void gate.then(() => void (third = l.run(task)));
    finish();
    await first;
    await second;
    await third;
    expect(peak).toBe(1);
  });

  it("runs waiters in arrival order and gives every slot back", async () => {
    const l = new Limiter(2);
    const started: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        l.run(async () => {
          started.push(i);
          await new Promise((r) => setTimeout(r, i === 1 ? 10 : 1));
        }),
      ),
    );
    expect(started).toEqual([1, 2, 3, 4, 5]);
    let ran = 0;
    await Promise.all([1, 2, 3].map(() => l.run(async () => void ran++)));
    expect(ran).toBe(3);
  });
});

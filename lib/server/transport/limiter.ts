import "server-only";

/** Caps concurrent work; waiters run in arrival order. */
export class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A waiter is handed the finishing task's slot (active stays counted), so a caller arriving
    // between the release and the waiter's resumption cannot take the same slot as well.
    if (this.active >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

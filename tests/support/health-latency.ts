import { Worker } from "node:worker_threads";

/** One answer of /api/health: when it was asked (epochMs()), how long it took, whether it was 200, and the poller's last scheduling pass. */
export interface HealthSample {
  at: number;
  ms: number;
  ok: boolean;
  pollerTickAt: string | null;
}

/** A clock that reads the same in every thread (performance.now() starts per thread). */
export const epochMs = () => performance.timeOrigin + performance.now();

// The sampler runs in its own thread, so the caller's own work (building a capture, pushing a
// 200 MB body through fetch) cannot delay its timers and show up as server latency.
const SAMPLER = `
const { parentPort, workerData } = require("node:worker_threads");
const now = () => performance.timeOrigin + performance.now();
const samples = [];
let running = true;
parentPort.on("message", () => (running = false));
(async () => {
  while (running) {
    const at = now();
    const answer = await fetch(workerData.url, { signal: AbortSignal.timeout(30000) }).then(
      async (r) => ({ ok: r.ok, body: await r.json().catch(() => null) }),
      () => ({ ok: false, body: null }),
    );
    samples.push({ at, ms: now() - at, ok: answer.ok, pollerTickAt: answer.body?.poller?.lastTickAt ?? null });
    await new Promise((r) => setTimeout(r, workerData.gapMs));
  }
  parentPort.postMessage(samples);
})();
`;

/**
 * Asks /api/health back to back (with `gapMs` between answers) until stop(); each request has
 * its own deadline so a stalled server shows as long samples, not as a hang.
 */
export function watchHealth(baseUrl: string, gapMs = 50): { stop(): Promise<HealthSample[]> } {
  const worker = new Worker(SAMPLER, { eval: true, workerData: { url: `${baseUrl}/api/health`, gapMs } });
  const result = new Promise<HealthSample[]>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    async stop() {
      worker.postMessage("stop");
      const samples = await result;
      await worker.terminate();
      return samples;
    },
  };
}

/** Longest time between successive poller scheduling passes seen in the samples (ms); null with fewer than two. */
export function longestTickGap(samples: HealthSample[]): number | null {
  const ticks = [...new Set(samples.map((s) => s.pollerTickAt).filter((t): t is string => t !== null))]
    .map((t) => Date.parse(t))
    .sort((a, b) => a - b);
  if (ticks.length < 2) return null;
  return Math.max(...ticks.slice(1).map((t, i) => t - ticks[i]!));
}

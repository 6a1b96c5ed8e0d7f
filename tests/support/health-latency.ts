/** One answer of /api/health: when it was asked (performance.now()), how long it took, whether it was 200. */
export interface HealthSample {
  at: number;
  ms: number;
  ok: boolean;
}

/**
 * Asks /api/health back to back (with `gapMs` between answers) until stop(); each request has
 * its own deadline so a stalled server shows as long samples, not as a hang.
 */
export function watchHealth(baseUrl: string, gapMs = 50): { stop(): Promise<HealthSample[]> } {
  const samples: HealthSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = performance.now();
      const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(30_000) }).then(
        async (r) => (await r.arrayBuffer(), r.ok),
        () => false,
      );
      samples.push({ at, ms: performance.now() - at, ok });
      await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

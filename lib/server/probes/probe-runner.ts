import "server-only";
import type { ProbeReading } from "@/lib/server/checks/types";
import type { PlannedProbe } from "./probe-plan";

// Runs the planned probes of a deployment and keeps their results, so page loads reuse them
// instead of sending packets each time. Results carry their age; old ones count as stale.

/** "run" (the probe schedule) reuses results younger than this instead of probing again; an engineer's "Run probes now" forces every probe. */
export const PROBE_REUSE_MS = 60_000;
/** Older results are stale: the check says unknown instead of trusting them. */
export const PROBE_STALE_MS = 15 * 60_000;

/** cached: only what is stored · run: probe what is missing or older than PROBE_REUSE_MS · force: probe all. */
export type ProbeMode = "cached" | "run" | "force";

interface Entry {
  fingerprint: string;
  at: number;
  label: string;
  result: unknown;
  meta?: Record<string, string>;
}

export class ProbeRunner {
  private readonly cache = new Map<string, Map<string, Entry>>();

  async readings(
    deploymentId: string,
    plan: PlannedProbe[],
    mode: ProbeMode,
    now: () => number = Date.now,
  ): Promise<Record<string, Omit<ProbeReading, "key">>> {
    const stored = this.cache.get(deploymentId) ?? new Map<string, Entry>();
    this.cache.set(deploymentId, stored);
    const due = plan.filter((p) => {
      if (!p.run || mode === "cached") return false;
      const e = stored.get(p.key);
      return mode === "force" || !e || e.fingerprint !== p.fingerprint || now() - e.at > PROBE_REUSE_MS;
    });
    // Probes never throw for anything the network does; they run in parallel under their own timeouts.
    await Promise.all(
      due.map(async (p) =>
        stored.set(p.key, {
          fingerprint: p.fingerprint,
          label: p.label,
          meta: p.meta,
          result: await p.run!(),
          at: now(),
        }),
      ),
    );
    const out: Record<string, Omit<ProbeReading, "key">> = {};
    for (const p of plan) {
      const e = stored.get(p.key);
      if (p.missing) out[p.key] = { label: p.label, result: null, ageMs: null, stale: true, missing: p.missing };
      else if (!e || e.fingerprint !== p.fingerprint)
        out[p.key] = {
          label: p.label,
          result: null,
          ageMs: null,
          stale: true,
          missing: "not probed yet: run the probes (engineer: Run probes)",
        };
      else {
        const ageMs = now() - e.at;
        out[p.key] = {
          label: e.label,
          result: e.result,
          ageMs,
          stale: ageMs > PROBE_STALE_MS,
          ...(e.meta ? { meta: e.meta } : {}),
        };
      }
    }
    return out;
  }

  /** Forgets a deployment's results (its settings changed, or tests want a clean slate). */
  forget(deploymentId?: string): void {
    if (deploymentId) this.cache.delete(deploymentId);
    else this.cache.clear();
  }
}

const holder = globalThis as unknown as { edgescopeProbeRunner?: ProbeRunner };

/** The process-wide runner (one Next server process serves every page). */
export function getProbeRunner(): ProbeRunner {
  holder.edgescopeProbeRunner ??= new ProbeRunner();
  return holder.edgescopeProbeRunner;
}

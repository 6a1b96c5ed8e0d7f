import fs from "node:fs";
import { buildStunCapture } from "./pcap-analysis-work";
import { startAppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { epochMs, watchHealth } from "../support/health-latency";
import { createTestDb } from "../support/test-db";
import type { BenchRow } from "./bench-types";

const MB = Number(process.env.EDGESCOPE_BENCH_MB ?? 200);

/**
 * P7: /api/health latency while a large capture is analysed by the production build (analysis
 * runs in a worker thread; on the main thread health waited for the whole analysis). Needs
 * `next build` first.
 */
export async function benchAnalysisHealth(): Promise<BenchRow> {
  const row = {
    id: "P7",
    what: `/api/health p99 while a ${MB} MB pcap is uploaded and analysed (next start)`,
    goal: "p99 < 250 ms",
  };
  if (!fs.existsSync(".next/BUILD_ID"))
    return { ...row, measured: null, met: null, note: "no production build: run `next build` first" };
  const t = await createTestDb();
  await createRoleUsers(t.db);
  const app = await startAppServer({
    DATABASE_URL: t.url,
    EDGESCOPE_POLLER: "off",
    EDGESCOPE_SECRET_KEY: "b".repeat(64),
  });
  try {
    const cookie = await loginCookie(app.url, "engineer");
    const post = (body: Uint8Array) =>
      fetch(`${app.url}/api/analyze/pcap`, {
        method: "POST",
        headers: { cookie, origin: app.url },
        body: body as BodyInit,
      });
    await post(buildStunCapture(1, "pcap")); // start the worker
    const capture = buildStunCapture(MB, "pcap");
    const health = watchHealth(app.url);
    const started = epochMs();
    const res = await post(capture);
    const seconds = (epochMs() - started) / 1000;
    const samples = (await health.stop()).filter((s) => s.at >= started);
    if (!res.ok)
      return { ...row, measured: null, met: null, note: `upload answered ${res.status}: ${await res.text()}` };
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const p99 = ms[Math.floor(ms.length * 0.99)] ?? ms.at(-1)!;
    const p50 = ms[Math.floor(ms.length / 2)]!;
    return {
      ...row,
      measured: `${p99.toFixed(0)} ms`,
      met: p99 < 250,
      note: `${ms.length} health answers over ${seconds.toFixed(1)} s of upload + analysis; p50 ${p50.toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms`,
      raw: {
        p99Ms: Number(p99.toFixed(1)),
        p50Ms: Number(p50.toFixed(1)),
        maxMs: Number(ms.at(-1)!.toFixed(1)),
        samples: ms.length,
        uploadSeconds: Number(seconds.toFixed(2)),
        mb: MB,
      },
    };
  } finally {
    await app.stop();
    await t.cleanup();
  }
}

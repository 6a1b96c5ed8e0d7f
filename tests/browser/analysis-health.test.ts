import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStunCapture } from "../bench/pcap-analysis-work";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { createTestDb, type TestDb } from "../support/test-db";
import { epochMs, longestTickGap, watchHealth } from "../support/health-latency";

// Evidence analysis under the production build (`next start`): it runs in a worker thread, so
// /api/health answers promptly while a large capture is analysed (on the main thread it was
// blocked for the whole analysis: 4.2 s at 100 MB), a full pool answers 429 with Retry-After,
// and a job over its time limit gets a JSON error while the next upload is analysed again.

let t: TestDb;
const apps: AppServer[] = [];

async function start(env: Record<string, string>): Promise<{ app: AppServer; cookie: string }> {
  const app = await startAppServer({
    DATABASE_URL: t.url,
    EDGESCOPE_POLLER: "off",
    EDGESCOPE_SECRET_KEY: "e".repeat(64),
    ...env,
  });
  apps.push(app);
  return { app, cookie: await loginCookie(app.url, "engineer") };
}

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
});
afterAll(async () => {
  for (const app of apps) await app.stop();
  await t?.cleanup();
});

const harDir = join(import.meta.dirname, "../fixtures/analyzers/har");
const har = readFileSync(join(harDir, readdirSync(harDir).find((f) => f.endsWith(".har") || f.endsWith(".json"))!));

const upload = (app: AppServer, cookie: string, kind: string, body: BodyInit | Uint8Array) =>
  fetch(`${app.url}/api/analyze/${kind}`, {
    method: "POST",
    headers: { cookie, origin: app.url, "content-type": "application/octet-stream" },
    body: body as BodyInit,
    duplex: "half",
  } as RequestInit);

describe("evidence analysis under next start", () => {
  it("keeps /api/health fast and the poller on schedule while a 150 MB capture is analysed, and answers 429 when the pool is full", {
    timeout: 240_000,
  }, async () => {
    // The poller runs (no nodes: it still schedules every EDGESCOPE_TICK_MS) so its pace can be read from health.
    const { app, cookie } = await start({
      EDGESCOPE_ANALYSIS_WORKERS: "1",
      EDGESCOPE_ANALYSIS_QUEUE: "0",
      EDGESCOPE_POLLER: "on",
      EDGESCOPE_TICK_MS: "500",
    });
    await expect(upload(app, cookie, "har", har).then((r) => r.status)).resolves.toBe(200); // the worker is up

    const capture = buildStunCapture(150, "pcap");
    const health = watchHealth(app.url);
    // The body is streamed so the moment its last byte is handed over is known: everything after
    // it until the answer is the server reading the tail and analysing.
    let sentAt = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (let at = 0; at < capture.length; at += 4 * 1024 * 1024)
          c.enqueue(capture.subarray(at, at + 4 * 1024 * 1024));
        c.close();
        sentAt = epochMs();
      },
    });
    const analysing = upload(app, cookie, "pcap", body);
    // While the capture holds the only place, another upload is refused at once, with a hint when to retry.
    await new Promise((r) => setTimeout(r, 500));
    const busy = await upload(app, cookie, "har", har);
    const res = await analysing;
    const doneAt = epochMs();
    const samples = await health.stop();

    const during = samples.filter((s) => s.at >= sentAt && s.at <= doneAt);
    const analysisMs = doneAt - sentAt;
    const p99 = during.map((s) => s.ms).sort((a, b) => a - b)[Math.floor(during.length * 0.99)] ?? Infinity;
    const summary = `analysis ${Math.round(analysisMs)} ms, ${during.length} health answers during it, p99 ${Math.round(p99)} ms, all ${during.every((s) => s.ok)}`;
    // The analysis really overlapped the sampling: it took seconds and health was asked throughout.
    expect(analysisMs, summary).toBeGreaterThan(1500);
    expect(during.length, summary).toBeGreaterThanOrEqual(10);
    expect(
      during.every((s) => s.ok),
      summary,
    ).toBe(true);
    expect(p99, summary).toBeLessThan(1000);
    expect(p99, summary).toBeLessThan(analysisMs / 2);
    // The scheduler passed every 500 ms throughout (on the main thread it waited for the analysis).
    const gap = longestTickGap(during);
    expect(gap, `${summary}, longest gap between poller passes ${gap} ms`).not.toBeNull();
    expect(gap!, `${summary}, longest gap between poller passes ${gap} ms`).toBeLessThan(
      Math.min(2500, analysisMs / 2),
    );

    expect(res.status, summary).toBe(200);
    expect(await res.json()).toMatchObject({ kind: "pcap" });
    expect(busy.status).toBe(429);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await busy.json()).toMatchObject({
      error: { code: "analysis_busy", message: expect.stringMatching(/try again in \d+ s/) },
    });

    // The place is free again.
    await expect(upload(app, cookie, "har", har).then((r) => r.status)).resolves.toBe(200);
  });

  it("stops a job over its time limit with a JSON error; the replaced worker analyses the next upload", {
    timeout: 180_000,
  }, async () => {
    const { app, cookie } = await start({ EDGESCOPE_ANALYSIS_WORKERS: "1", EDGESCOPE_ANALYSIS_TIME_LIMIT_MS: "200" });
    await expect(upload(app, cookie, "har", har).then((r) => r.status)).resolves.toBe(200);
    const res = await upload(app, cookie, "pcap", buildStunCapture(100, "pcap"));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { code: "analysis_time_limit", message: expect.stringMatching(/longer than 0\.2 s/) },
    });
    const next = await upload(app, cookie, "har", har);
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({ kind: "har" });
  });
});

import http from "node:http";
import type net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startAppServer, type AppServer } from "../support/app-server";
import { createTestDb } from "../support/test-db";

// Every browser and API test starts `next start` on a port picked free a moment earlier. When
// another process takes that port in between, the start must move to a new port, and a server
// already answering /api/health on the taken port must never be mistaken for ours.
describe("test app server start", () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of closers) await c();
  });

  it("moves to a new port when the picked one is taken, and never talks to the squatter", async () => {
    let squatterHits = 0;
    const squatter = http.createServer((_req, res) => {
      squatterHits++;
      res.end('{"status":"ok"}');
    });
    await new Promise<void>((r) => squatter.listen(0, "127.0.0.1", () => r()));
    closers.push(() => new Promise((r) => squatter.close(r)));
    const taken = (squatter.address() as net.AddressInfo).port;

    const picks = [taken];
    const t = await createTestDb();
    closers.push(() => t.cleanup());
    const app: AppServer = await startAppServer(
      { DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "c".repeat(64) },
      async () => picks.shift() ?? freePort(),
    );
    closers.unshift(() => app.stop());
    expect(app.url).not.toContain(`:${taken}`);
    const health = await fetch(`${app.url}/api/health`);
    expect(health.ok).toBe(true);
    expect(squatterHits).toBe(0);
  });
});

import { buildStunCapture } from "@/lib/server/analyzers/pcap/analysis-bench";
import { startAppServer } from "./tests/support/app-server";
import { createRoleUsers, loginCookie } from "./tests/support/auth";
import { epochMs, watchHealth } from "./tests/support/health-latency";
import { createTestDb } from "./tests/support/test-db";
const t = await createTestDb();
await createRoleUsers(t.db);
const app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "b".repeat(64) });
const cookie = await loginCookie(app.url, "engineer");
const post = (body: Uint8Array) => fetch(`${app.url}/api/analyze/pcap`, { method: "POST", headers: { cookie, origin: app.url }, body: body as BodyInit });
await post(buildStunCapture(1, "pcap"));
const capture = buildStunCapture(200, "pcap");
for (let round = 0; round < 2; round++) {
  const health = watchHealth(app.url);
  await new Promise((r) => setTimeout(r, 500));
  const started = epochMs();
  const res = await post(capture);
  const done = epochMs() - started;
  const s = await health.stop();
  console.log("status", res.status, "done at", Math.round(done), "samples", s.length);
  console.log(s.filter((x) => x.ms > 150).map((x) => `${Math.round(x.at - started)}:+${Math.round(x.ms)}`).join(" "));
}
await app.stop();
await t.cleanup();

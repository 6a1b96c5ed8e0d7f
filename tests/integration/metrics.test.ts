import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox, parseKey } from "@/lib/server/crypto/secret-box";
import { CHECKS } from "@/lib/server/checks/index";
import { seedLabDeployment, seedLabResolvers, seedLabTurnCredentials } from "@/lib/server/demo/seed-lab";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { find, parseProm, type Sample } from "../support/prom-text";
import { createTestDb, type TestDb } from "../support/test-db";

// GET /metrics on the production build polling the lab: promtool accepts the output, the values
// are the ones the API shows, labels stay ids and closed sets, and only a viewer (token, session
// or allow-listed address) may read it.

const PROMTOOL = "/usr/bin/promtool";
const key = crypto.randomBytes(32).toString("hex");
let t: TestDb;
let lab: Lab;
let app: AppServer;
let deploymentId: string;
let viewerToken: string;
let engineerToken: string;

async function token(role: string) {
  const res = await fetch(`${app.url}/api/tokens`, {
    method: "POST",
    headers: { cookie: await loginCookie(app.url, "admin"), "content-type": "application/json" },
    body: JSON.stringify({ name: `metrics-${role}`, role }),
  });
  return ((await res.json()) as { token: string }).token;
}
const scrape = (headers: Record<string, string> = {}, base = app.url) => fetch(`${base}/metrics`, { headers });
async function metrics(): Promise<{ text: string; samples: Sample[] }> {
  const res = await scrape({ authorization: `Bearer ${viewerToken}` });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, samples: parseProm(text) };
}
async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  if (!fs.existsSync(PROMTOOL))
    throw new Error(
      `${PROMTOOL} is missing: install Debian's prometheus (apt-get install -y --no-install-recommends prometheus)`,
    );
  lab = await startLab();
  t = await createTestDb();
  const box = new SecretBox(parseKey(key));
  deploymentId = await seedLabDeployment(t.db, box, lab);
  // As `npm run demo` seeds it: TURN credentials and the lab's resolvers, so every probe can run.
  await seedLabTurnCredentials(t.db, box, lab, deploymentId);
  await seedLabResolvers(t.db, lab, deploymentId);
  await createRoleUsers(t.db);
  app = await startAppServer({
    DATABASE_URL: t.url,
    EDGESCOPE_SECRET_KEY: key,
    EDGESCOPE_RELAY_INTERVAL_MS: "1000",
    EDGESCOPE_STATUS_INTERVAL_MS: "1000",
    EDGESCOPE_CONFIG_INTERVAL_MS: "1000",
    EDGESCOPE_TICK_MS: "200",
  });
  viewerToken = await token("viewer");
  engineerToken = await token("engineer");
  // Fill the probe cache the way an engineer does; a scrape itself never sends probes.
  const probed = await fetch(`${app.url}/api/deployments/${deploymentId}/checks`, {
    method: "POST",
    headers: { authorization: `Bearer ${engineerToken}` },
  });
  expect(probed.status).toBe(200);
});
afterAll(async () => {
  await app?.stop();
  await lab?.stop();
  await t?.cleanup();
});

describe("GET /metrics", () => {
  it("passes promtool check metrics", async () => {
    await waitFor(
      "a poll of every source",
      async () => find((await metrics()).samples, "edgescope_polls_total").length >= 10 && true,
    );
    const { text } = await metrics();
    const file = path.join(t.dir, "metrics.txt");
    fs.writeFileSync(file, text);
    const r = spawnSync(PROMTOOL, ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(`${r.stdout}${r.stderr}`, `promtool on ${file}`).toBe("");
    expect(r.status).toBe(0);
  });

  it("shows every check with its domain ids, the areas, relays and TURN RTT as the API shows them", async () => {
    const status = await (
      await fetch(`${app.url}/api/deployments/${deploymentId}/status`, {
        headers: { authorization: `Bearer ${viewerToken}` },
      })
    ).json();
    const { samples } = await metrics();
    const checks = find(samples, "edgescope_check_status", { deployment: deploymentId });
    expect(checks.map((c) => c.labels.check).sort()).toEqual(CHECKS.map((c) => c.id).sort());
    for (const c of CHECKS)
      expect(find(checks, "edgescope_check_status", { check: c.id })[0]!.labels.domain_ids).toBe(c.domainIds.join(","));
    // The healthy lab, probed: the TURN checks pass (0).
    expect(find(checks, "edgescope_check_status", { check: "r4-turn-active" })[0]!.value).toBe(0);
    expect(find(checks, "edgescope_check_status", { check: "c5-turn-credentials" })[0]!.value).toBe(0);
    expect(find(samples, "edgescope_area_health", { deployment: deploymentId }).length).toBeGreaterThanOrEqual(6);

    const es = status.nodes.filter((n: { role: string }) => n.role === "EXPRESSWAY_E");
    expect(es).toHaveLength(2);
    for (const e of es) {
      expect(find(samples, "edgescope_turn_relays_current", { node: e.id })).toHaveLength(1);
      expect(find(samples, "edgescope_node_info", { node: e.id })[0]!.labels.name).toBe(e.name);
      for (const p of ["udp", "turn"])
        expect(find(samples, "edgescope_probe_success", { node: e.id, probe: p })[0]?.value, p).toBe(1);
    }
    for (const p of ["dns-outside-join", "dns-inside-join", "dns-inside-xmpp"])
      expect(find(samples, "edgescope_probe_success", { probe: p, node: "" })[0]?.value, p).toBe(1);
    const rtt = find(samples, "edgescope_turnserver_rtt_seconds", { deployment: deploymentId });
    expect(rtt.length).toBe(2); // one TURN host per Expressway-E
    for (const r of rtt) {
      expect(r.labels.host).toMatch(/^10\.0\.0\.\d+$/);
      expect(r.value).toBeGreaterThan(0);
      expect(r.value).toBeLessThan(1);
    }
    expect(find(samples, "edgescope_turnserver_allocations", { deployment: deploymentId })).toHaveLength(2);
    const ages = find(samples, "edgescope_source_last_success_age_seconds", { deployment: deploymentId });
    expect(ages.length).toBe(status.nodes.reduce((n: number, x: { sources: unknown[] }) => n + x.sources.length, 0));
    for (const a of ages) expect(a.value).toBeLessThan(30);

    // Per process: poll outcomes, durations, cycles, queue and database.
    expect(find(samples, "edgescope_polls_total", { outcome: "ok" }).reduce((s, x) => s + x.value, 0)).toBeGreaterThan(
      0,
    );
    expect(find(samples, "edgescope_poll_duration_seconds_count").length).toBeGreaterThan(5);
    expect(find(samples, "edgescope_poller_cycle_duration_seconds_count")[0]!.value).toBeGreaterThan(0);
    expect(find(samples, "edgescope_poller_queue_depth")).toHaveLength(1);
    expect(find(samples, "edgescope_database_latency_seconds")[0]!.value).toBeGreaterThan(0);
  });

  it("follows the lab: a fault turns its check to fail (2) and its polls to a failed outcome", async () => {
    await lab.setFault("turn-inactive");
    try {
      await waitFor(
        "r4-turn-active to fail",
        async () =>
          find((await metrics()).samples, "edgescope_check_status", { check: "r4-turn-active" })[0]?.value === 2,
      );
      await lab.setFault("http-500", "vcs-e1");
      await waitFor(
        "an http poll outcome",
        async () => find((await metrics()).samples, "edgescope_polls_total", { outcome: "http" }).length > 0,
      );
    } finally {
      await lab.clearFaults();
    }
  });

  it("keeps labels to ids and closed sets: no free text outside the two info series", async () => {
    const { samples } = await metrics();
    const ids = await t.db.node.findMany({ select: { id: true } });
    const nodeIds = new Set(["", ...ids.map((n) => n.id)]);
    const sources = new Set(samples.filter((s) => s.labels.source).map((s) => s.labels.source));
    for (const s of sources) expect(s).toMatch(/^(expressway|expressway-c|expressway-e|cms)\.[a-z-]+$/);
    for (const s of samples) {
      if (s.name.endsWith("_info")) continue;
      if (s.labels.deployment !== undefined) expect(s.labels.deployment).toBe(deploymentId);
      if (s.labels.node !== undefined) expect(nodeIds.has(s.labels.node), `${s.name} node=${s.labels.node}`).toBe(true);
      for (const [k, v] of Object.entries(s.labels)) expect(v, `${s.name} ${k}`).toMatch(/^[\w.:,+-]*$/);
    }
  });

  it("needs a viewer: 401 without a token, 401 with a bad one, never from the query string; a viewer session works too", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: "Bearer esk_nope" })).status).toBe(401);
    expect((await fetch(`${app.url}/metrics?access_token=${viewerToken}`)).status).toBe(401);
    expect((await scrape({ cookie: await loginCookie(app.url, "viewer") })).status).toBe(200);
  });
});

describe("the scrape allow-list (EDGESCOPE_METRICS_ALLOW)", () => {
  it("lets a listed address scrape without a token, and no one else", async () => {
    const env = { DATABASE_URL: t.url, EDGESCOPE_SECRET_KEY: key, EDGESCOPE_POLLER: "off" };
    const listed = await startAppServer({ ...env, EDGESCOPE_METRICS_ALLOW: "192.0.2.0/24, 127.0.0.1" });
    const other = await startAppServer({ ...env, EDGESCOPE_METRICS_ALLOW: "192.0.2.0/24" });
    try {
      const ok = await scrape({}, listed.url);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("edgescope_check_status{");
      expect((await scrape({}, other.url)).status).toBe(401);
      // A token, when sent, must still be good.
      expect((await scrape({ authorization: "Bearer esk_nope" }, listed.url)).status).toBe(401);
    } finally {
      await Promise.all([listed.stop(), other.stop()]);
    }
  });
});

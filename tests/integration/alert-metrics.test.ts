import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Registry } from "prom-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { collectAlertMetrics } from "@/lib/server/metrics/alert-metrics";
import { find, parseProm, type Sample } from "../support/prom-text";
import { createTestDb, type TestDb } from "../support/test-db";

// The alert gauges of /metrics, read from a real database holding alerts in every state: firing
// and recovering count, a silence or a maintenance window moves an alert to the silenced gauge,
// pending and resolved ones never count, labels stay ids and closed sets, and promtool accepts it.

const PROMTOOL = "/usr/bin/promtool";
const NOW = new Date("2026-12-02T08:00:00Z");
const min = 60_000;
let t: TestDb;

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const registry = new Registry();
  await collectAlertMetrics(registry, t.db, NOW);
  const text = await registry.metrics();
  return { text, samples: parseProm(text) };
}
const value = (samples: Sample[], name: string, labels: Record<string, string>) => {
  const hits = find(samples, name, labels);
  expect(hits, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
  return hits[0]!.value;
};
function promtool(text: string) {
  const file = path.join(t.dir, "alert-metrics.txt");
  fs.writeFileSync(file, text);
  const r = spawnSync(PROMTOOL, ["check", "metrics"], { input: text, encoding: "utf8" });
  expect(`${r.stdout}${r.stderr}`, `promtool on ${file}`).toBe("");
  expect(r.status).toBe(0);
}

beforeAll(async () => {
  if (!fs.existsSync(PROMTOOL))
    throw new Error(
      `${PROMTOOL} is missing: install Debian's prometheus (apt-get install -y --no-install-recommends prometheus)`,
    );
  t = await createTestDb();
  const dep = (id: string) => ({ id, name: `Deployment ${id}`, joinUrl: `${id}.example.com`, callBridgeDomain: "x" });
  await t.db.deployment.createMany({ data: [dep("dep-a"), dep("dep-b"), dep("dep-c")] });
  // dep-b is in a maintenance window now; another window ended an hour ago and mutes nothing.
  await t.db.maintenanceWindow.createMany({
    data: [
      {
        deploymentId: "dep-b",
        startsAt: new Date(NOW.getTime() - 10 * min),
        endsAt: new Date(NOW.getTime() + 50 * min),
        reason: "upgrade",
        createdBy: "admin",
      },
      {
        deploymentId: "dep-a",
        startsAt: new Date(NOW.getTime() - 120 * min),
        endsAt: new Date(NOW.getTime() - 60 * min),
        reason: "past",
        createdBy: "admin",
      },
    ],
  });
  const base = { ruleId: "rule-1", since: new Date(NOW.getTime() - 30 * min), detail: "", diagnosis: "{}" };
  const check = (id: string, deploymentId: string, state: string, severity = "fail") => ({
    ...base,
    id,
    deploymentId,
    conditionKey: `check:${id}`,
    kind: "check",
    state,
    severity,
  });
  await t.db.alert.createMany({
    data: [
      check("a-firing", "dep-a", "firing"),
      check("a-recovering", "dep-a", "recovering"),
      { ...check("a-silenced", "dep-a", "firing", "warn"), silencedUntil: new Date(NOW.getTime() + 10 * min) },
      { ...check("a-silence-over", "dep-a", "firing", "warn"), silencedUntil: new Date(NOW.getTime() - min) },
      { ...check("a-poll", "dep-a", "firing"), kind: "poll", conditionKey: "poll:n1" },
      { ...check("a-pending", "dep-a", "pending", "stale"), kind: "stale", conditionKey: "stale:n1" },
      check("a-resolved", "dep-a", "resolved"),
      // A row no evaluator writes: its text must never become a label.
      { ...check("a-odd", "dep-a", "firing"), kind: 'check"} evil', severity: "fail\nx" },
      { ...check("b-stale", "dep-b", "firing", "stale"), kind: "stale", conditionKey: "stale:n2" },
      check("b-pending", "dep-b", "pending"),
      // The deployment was deleted; the next evaluation resolves this one.
      check("gone-firing", "dep-gone", "firing"),
    ],
  });
});
afterAll(async () => {
  await t?.cleanup();
});

it("counts firing and recovering alerts by deployment, kind and severity; silenced ones apart; pending and resolved never", async () => {
  const { text, samples } = await scrape();
  const F = "edgescope_alerts_firing";
  const S = "edgescope_alerts_silenced";
  expect(value(samples, F, { deployment: "dep-a", kind: "check", severity: "fail" })).toBe(2);
  expect(value(samples, F, { deployment: "dep-a", kind: "check", severity: "warn" })).toBe(1);
  expect(value(samples, S, { deployment: "dep-a", kind: "check", severity: "warn" })).toBe(1);
  expect(value(samples, F, { deployment: "dep-a", kind: "poll", severity: "fail" })).toBe(1);
  expect(value(samples, F, { deployment: "dep-a", kind: "stale", severity: "stale" })).toBe(0);
  expect(value(samples, F, { deployment: "dep-a", kind: "invalid", severity: "invalid" })).toBe(1);
  // In a maintenance window: muted, so silenced and not firing; its pending alert counts nowhere.
  expect(value(samples, F, { deployment: "dep-b", kind: "stale", severity: "stale" })).toBe(0);
  expect(value(samples, S, { deployment: "dep-b", kind: "stale", severity: "stale" })).toBe(1);
  expect(value(samples, F, { deployment: "dep-b", kind: "check", severity: "fail" })).toBe(0);
  // A deployment without alerts has zeros (a panel shows 0, not "no data"); a deleted one has nothing.
  for (const name of [F, S])
    expect(
      find(samples, name, { deployment: "dep-c" }).map((s) => [s.labels.kind, s.labels.severity, s.value]),
    ).toEqual([
      ["check", "fail", 0],
      ["check", "warn", 0],
      ["poll", "fail", 0],
      ["stale", "stale", 0],
    ]);
  expect(samples.filter((s) => s.labels.deployment === "dep-gone")).toEqual([]);
  // Totals: every live alert of an existing deployment once, in exactly one of the two gauges.
  const total = (name: string) => find(samples, name).reduce((n, s) => n + s.value, 0);
  expect(total(F)).toBe(5);
  expect(total(S)).toBe(2);
  expect(text).not.toContain("evil");
  for (const s of samples) expect(Object.keys(s.labels).sort()).toEqual(["deployment", "kind", "severity"]);
  promtool(text);
});

it("a global maintenance window moves every firing alert to silenced", async () => {
  await t.db.maintenanceWindow.create({
    data: {
      startsAt: new Date(NOW.getTime() - min),
      endsAt: new Date(NOW.getTime() + min),
      reason: "all",
      createdBy: "admin",
    },
  });
  const { text, samples } = await scrape();
  expect(find(samples, "edgescope_alerts_firing").every((s) => s.value === 0)).toBe(true);
  expect(value(samples, "edgescope_alerts_silenced", { deployment: "dep-a", kind: "check", severity: "fail" })).toBe(2);
  expect(find(samples, "edgescope_alerts_silenced").reduce((n, s) => n + s.value, 0)).toBe(7);
  promtool(text);
});

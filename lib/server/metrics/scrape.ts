import "server-only";
import { Gauge, Registry } from "prom-client";
import { getEnv } from "@/lib/env";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { getHealth } from "@/lib/server/health";
import { collectAlertMetrics } from "./alert-metrics";
import { collectDeploymentMetrics } from "./deployment-metrics";
import { processMetrics } from "./process-metrics";

/** The whole /metrics answer: this process's counters plus this instant's gauges. */
export async function renderMetrics(now = new Date()): Promise<{ contentType: string; body: string }> {
  const scrape = new Registry();
  const g = (name: string, help: string) => new Gauge({ name, help, registers: [scrape] });
  const health = await getHealth();
  g("edgescope_database_up", "1 when the database answered SELECT 1 during this scrape.").set(
    health.database.ok ? 1 : 0,
  );
  if (health.database.latencyMs !== null)
    g("edgescope_database_latency_seconds", "Time the database took to answer SELECT 1 during this scrape.").set(
      health.database.latencyMs / 1000,
    );
  g("edgescope_poller_running", "1 when this process's poller is scheduling polls.").set(health.poller.running ? 1 : 0);
  g("edgescope_poller_queue_depth", "Node cycles this process has started and not yet written.").set(
    health.poller.cyclesInFlight,
  );
  g("edgescope_poller_leased_nodes", "Nodes this process holds the polling lease of.").set(
    health.poller.lease.nodesHeld,
  );
  if (health.poller.lastTickAt)
    g("edgescope_poller_last_tick_age_seconds", "Seconds since the poller last looked for due polls.").set(
      (now.getTime() - Date.parse(health.poller.lastTickAt)) / 1000,
    );
  if (health.database.ok) {
    await collectDeploymentMetrics(scrape, getDb(), getEnv(), getSecretBox(), now);
    await collectAlertMetrics(scrape, getDb(), now);
  }
  const merged = Registry.merge([processMetrics().registry, scrape]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}

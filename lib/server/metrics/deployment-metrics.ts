import "server-only";
import { Gauge, type Registry } from "prom-client";
import { boardAreas } from "@/lib/domain/board";
import { STALE_AFTER_INTERVALS } from "@/lib/domain/freshness";
import { SOURCES } from "@/lib/domain/sources";
import type { Env } from "@/lib/env";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { buildCheckContexts } from "@/lib/server/checks/context";
import { evaluateChecks } from "@/lib/server/checks/index";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { addressLabel, CHECK_STATUS_VALUE, describeValues, HEALTH_VALUE } from "./metric-values";

// Per deployment and node: what the board and the checks say now, read the way the board reads
// it (one batch for all deployments, cached probe results only: a scrape never sends packets).
// Labels are ids and closed sets (check ids, areas, sources, probe kinds); names appear only in
// the two *_info series, one per deployment or node.

const DNS_PROBES = [PROBE_KEYS.outsideJoin, PROBE_KEYS.insideJoin, PROBE_KEYS.insideXmpp];
const NODE_PROBES = ["tls", "udp", "tcp", "turn"] as const;

function gauges(registry: Registry) {
  const g = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });
  return {
    deploymentInfo: g(
      "edgescope_deployment_info",
      "One series per deployment carrying its name and Join URL; join on the deployment label.",
      ["deployment", "name", "join_url"],
    ),
    nodeInfo: g("edgescope_node_info", "One series per node carrying its role and name; join on the node label.", [
      "deployment",
      "node",
      "role",
      "name",
    ]),
    check: g(
      "edgescope_check_status",
      `Status of each check (${describeValues(CHECK_STATUS_VALUE)}); domain_ids lists the domain brief ids it verifies.`,
      ["deployment", "check", "area", "domain_ids"],
    ),
    area: g("edgescope_area_health", `Health of each board area (${describeValues(HEALTH_VALUE)}).`, [
      "deployment",
      "area",
    ]),
    relays: g(
      "edgescope_turn_relays_current",
      "TURN relays in use on an Expressway-E at its last successful poll (V5).",
      ["deployment", "node"],
    ),
    rtt: g(
      "edgescope_turnserver_rtt_seconds",
      "Round-trip time from the Call Bridge to a TURN host, as CMS reports it (V4).",
      ["deployment", "node", "turn_server", "host"],
    ),
    allocations: g("edgescope_turnserver_allocations", "Active allocations CMS reports on a TURN host.", [
      "deployment",
      "node",
      "turn_server",
      "host",
    ]),
    age: g(
      "edgescope_source_last_success_age_seconds",
      "Seconds since a source of a node was last read successfully (absent when never).",
      ["deployment", "node", "source"],
    ),
    stale: g(
      "edgescope_source_stale",
      "1 when a source has no successful poll within three intervals (shown as stale, never green).",
      ["deployment", "node", "source"],
    ),
    probeOk: g(
      "edgescope_probe_success",
      "1 when the last cached probe answered ok (DNS answered, port open, TLS handshake, TURN allocate); node is empty for DNS probes.",
      ["deployment", "probe", "node"],
    ),
    probeAge: g("edgescope_probe_age_seconds", "Age of the last cached probe result.", ["deployment", "probe", "node"]),
    probeRtt: g("edgescope_probe_rtt_seconds", "Round-trip time the last probe measured, where it has one.", [
      "deployment",
      "probe",
      "node",
    ]),
  };
}

/** Registers this instant's deployment metrics in `registry` (a fresh one per scrape, so gone objects vanish). */
export async function collectDeploymentMetrics(
  registry: Registry,
  db: Db,
  env: Env,
  box: SecretBox,
  now = new Date(),
): Promise<void> {
  const m = gauges(registry);
  const contexts = await buildCheckContexts(db, env, box, undefined, {
    probes: "cached",
    runner: getProbeRunner(),
    now: () => now.getTime(),
  });
  for (const { status, ctx } of contexts) {
    const deployment = status.deployment.id;
    m.deploymentInfo.set({ deployment, name: status.deployment.name, join_url: status.deployment.joinUrl }, 1);
    const checks = evaluateChecks(ctx);
    for (const c of checks)
      m.check.set(
        { deployment, check: c.id, area: c.area, domain_ids: c.domainIds.join(",") },
        CHECK_STATUS_VALUE[c.status],
      );
    const sources = status.nodes.flatMap((node) =>
      node.sources.map((source) => ({ node, source, failingSince: null })),
    );
    for (const a of boardAreas(sources, (ms) => STALE_AFTER_INTERVALS * ms, checks, now.getTime()))
      m.area.set({ deployment, area: a.area }, HEALTH_VALUE[a.health]);

    for (const node of status.nodes) {
      m.nodeInfo.set({ deployment, node: node.id, role: node.role, name: node.name }, 1);
      for (const s of node.sources) {
        const labels = { deployment, node: node.id, source: s.source };
        if (s.ageMs !== null) m.age.set(labels, s.ageMs / 1000);
        m.stale.set(labels, s.stale ? 1 : 0);
        if (s.source === SOURCES.turnRelays && s.latest) m.relays.set({ deployment, node: node.id }, s.latest.current);
        if (s.source === SOURCES.cmsTurnServers && s.latest) {
          for (const h of s.latest.status?.hosts ?? []) {
            const hl = {
              deployment,
              node: node.id,
              turn_server: addressLabel(h.turnServerId),
              host: addressLabel(h.hostAddress),
            };
            if (h.rttMs !== null) m.rtt.set(hl, h.rttMs / 1000);
            if (h.allocations !== null) m.allocations.set(hl, h.allocations);
          }
        }
      }
    }

    const probeKeys = [
      ...DNS_PROBES.map((key) => ({ key, probe: key, node: "" })),
      ...status.nodes
        .filter((n) => n.role === "EXPRESSWAY_E")
        .flatMap((n) => NODE_PROBES.map((p) => ({ key: PROBE_KEYS[p](n.id), probe: p, node: n.id }))),
    ];
    for (const { key, probe, node } of probeKeys) {
      const reading = ctx.probe<{ outcome?: string; rttMs?: number | null }>(key);
      if (!reading.result || reading.ageMs === null) continue;
      const labels = { deployment, probe, node };
      m.probeOk.set(labels, reading.result.outcome === "ok" || reading.result.outcome === "open" ? 1 : 0);
      m.probeAge.set(labels, reading.ageMs / 1000);
      if (typeof reading.result.rttMs === "number") m.probeRtt.set(labels, reading.result.rttMs / 1000);
    }
  }
}

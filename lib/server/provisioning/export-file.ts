import "server-only";
import { stringify } from "yaml";
import { trimChars } from "@/lib/domain/trim-chars";
import { secretKeysOf, type ChannelType } from "@/lib/domain/alerts/channel-config";
import type { ProvisionFile } from "@/lib/domain/provisioning/file-schema";
import { channelView } from "@/lib/server/alerts/channel-store";
import { ruleView } from "@/lib/server/alerts/rule-store";
import type { Db } from "@/lib/server/db/client";

// GET /api/export: the configuration as a provisioning file. Secrets are never written: each
// secret gets the environment variable name the file that provisioned it used, or, for a
// hand-made object, a name derived from the object (listed in the header so the reader knows
// what to set before applying the file elsewhere).

const envSlug = (...parts: string[]) =>
  trimChars(
    parts
      .join("_")
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, "_"),
    (ch) => ch === "_",
  ).slice(0, 120);
const drop = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;

export async function exportProvisionFile(db: Db): Promise<string> {
  const [deployments, channels, rules, marks] = await Promise.all([
    db.deployment.findMany({
      orderBy: { name: "asc" },
      include: { nodes: { orderBy: { name: "asc" }, include: { turnCredential: { select: { username: true } } } } },
    }),
    db.alertChannel.findMany({ orderBy: { name: "asc" } }),
    db.alertRule.findMany({ orderBy: { name: "asc" } }),
    db.provisionedObject.findMany({ select: { kind: true, objectId: true, secretEnv: true } }),
  ]);
  const envOf = (kind: string, objectId: string) =>
    JSON.parse(marks.find((m) => m.kind === kind && m.objectId === objectId)?.secretEnv ?? "{}") as Record<
      string,
      string
    >;
  const needed = new Set<string>();
  const use = (name: string) => (needed.add(name), name);
  const depName = new Map(deployments.map((d) => [d.id, d.name]));
  const chName = new Map(channels.map((c) => [c.id, c.name]));

  const file: ProvisionFile = {
    deployments: deployments.map((d) =>
      drop({
        name: d.name,
        joinUrl: d.joinUrl,
        callBridgeDomain: d.callBridgeDomain,
        jabberGuest: d.jabberGuest,
        outsideResolver: d.outsideResolver,
        insideResolver: d.insideResolver,
        rttThresholdMs: d.rttThresholdMs,
        nodes: d.nodes.map((n) =>
          drop({
            role: n.role,
            name: n.name,
            baseUrl: n.baseUrl,
            username: n.username,
            passwordEnv: use(envOf("node", n.id).password ?? envSlug(d.name, n.name, "PASSWORD")),
            caPem: n.caPem,
            tlsInsecure: n.tlsInsecure,
            privateAddress: n.privateAddress,
            publicAddress: n.publicAddress,
            turnProbeTarget: n.turnProbeTarget,
            tlsProbeTarget: n.tlsProbeTarget,
            turnRelayCapacity: n.turnRelayCapacity,
            tlsAuditTargets: n.tlsAuditTargets,
            turnCredential: n.turnCredential
              ? {
                  username: n.turnCredential.username,
                  passwordEnv: use(envOf("turnCredential", n.id).password ?? envSlug(d.name, n.name, "TURN_PASSWORD")),
                }
              : undefined,
          }),
        ),
      }),
    ) as ProvisionFile["deployments"],
    channels: channels.map((row) => {
      const c = channelView(row);
      const known = envOf("channel", c.id);
      const secretEnv = Object.fromEntries(
        c.secretsSet
          .filter((k) => secretKeysOf(c.type as ChannelType).includes(k))
          .map((k) => [k, use(known[k] ?? envSlug("CHANNEL", c.name, k))]),
      );
      return { name: c.name, type: c.type, config: c.config, secretEnv, enabled: c.enabled };
    }),
    rules: rules.map((row) => {
      const { id: _id, deploymentIds, channelIds, ...r } = ruleView(row);
      return drop({
        ...r,
        deployments: deploymentIds.length ? deploymentIds.flatMap((id) => depName.get(id) ?? []) : undefined,
        channels: channelIds.flatMap((id) => chName.get(id) ?? []),
      }) as ProvisionFile["rules"][number];
    }),
  };
  const header = [
    "# Edgescope configuration export (a provisioning file: EDGESCOPE_PROVISION, docs/integrations.md).",
    "# Secrets are not exported. Before applying this file, set these environment variables:",
    ...[...needed].sort().map((n) => `#   ${n}`),
  ].join("\n");
  return `${header}\n${stringify(file, { lineWidth: 0 })}`;
}

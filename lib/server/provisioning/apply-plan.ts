import "server-only";
import { secretKeysOf } from "@/lib/domain/alerts/channel-config";
import { ruleInput } from "@/lib/domain/alerts/inputs";
import { channelConfig, createChannel, deleteChannel, updateChannel } from "@/lib/server/alerts/channel-store";
import { createRule, deleteRule, updateRule } from "@/lib/server/alerts/rule-store";
import { audit } from "@/lib/server/audit/audit-log";
import { deleteTurnCredential, setTurnCredential } from "@/lib/server/deployments/turn-credentials";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { createDeployment, deleteDeployment, updateDeployment } from "@/lib/server/deployments/manage-deployments";
import { createNode, deleteNode, updateNode } from "@/lib/server/deployments/manage-nodes";
import { AppError } from "@/lib/server/http/app-error";
import { holdJobLease } from "@/lib/server/jobs/job-lease";
import type { ProvisionPlan } from "./load-file";
import { digestOf, type ProvisionedKind } from "./provisioned";

// Applies a plan through the same domain functions the API calls (so the same rules hold), and
// records what it manages. Idempotent: an object whose settings and secrets are unchanged is not
// written; an object gone from the file is deleted (hand-made objects are never touched).
// Several instances starting together on one PostgreSQL take turns through a job lease, so the
// second one finds everything applied and writes nothing.

const LEASE = "provisioning";
const LEASE_MS = 60_000;

export interface ApplyResult {
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: number;
}

async function withLease<T>(db: Db, holder: string, work: () => Promise<T>): Promise<T> {
  const giveUp = Date.now() + 2 * LEASE_MS;
  while (!(await holdJobLease(db, LEASE, holder, LEASE_MS))) {
    if (Date.now() > giveUp) throw new Error("another instance has held the provisioning lease for too long");
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
  }
  try {
    return await work();
  } finally {
    await db.jobLease.deleteMany({ where: { name: LEASE, holder } });
  }
}

const ignoreGone = (err: unknown) => {
  if (!(err instanceof AppError && err.status === 404)) throw err;
};

/** Settings with every optional field spelled out, so removing a line from the file clears it. */
const deploymentData = (d: ProvisionPlan["deployments"][number]["input"]) => ({
  jabberGuest: false,
  outsideResolver: null,
  insideResolver: null,
  rttThresholdMs: 200,
  ...d,
});
const nodeData = ({ password: _secret, ...n }: ProvisionPlan["deployments"][number]["nodes"][number]["input"]) => ({
  caPem: null,
  privateAddress: null,
  publicAddress: null,
  turnProbeTarget: null,
  tlsProbeTarget: null,
  turnRelayCapacity: null,
  tlsAuditTargets: null,
  ...n,
});

export async function applyPlan(
  db: Db,
  box: SecretBox,
  plan: ProvisionPlan,
  holder: string,
  now = () => new Date(),
): Promise<ApplyResult> {
  return withLease(db, holder, async () => {
    const result: ApplyResult = { created: [], updated: [], deleted: [], unchanged: 0 };
    const marks = await db.provisionedObject.findMany();
    const mark = (kind: ProvisionedKind, key: string) => marks.find((m) => m.kind === kind && m.key === key);
    const record = (
      kind: ProvisionedKind,
      key: string,
      objectId: string,
      digest: string,
      secretEnv: Record<string, string> | null,
    ) =>
      db.provisionedObject.upsert({
        where: { kind_key: { kind, key } },
        create: {
          kind,
          key,
          objectId,
          file: plan.file,
          digest,
          secretEnv: secretEnv && JSON.stringify(secretEnv),
          appliedAt: now(),
        },
        update: {
          objectId,
          file: plan.file,
          digest,
          secretEnv: secretEnv && JSON.stringify(secretEnv),
          appliedAt: now(),
        },
      });
    const keep = new Set<string>();
    const deploymentIds = new Map<string, string>();
    const channelIds = new Map<string, string>();

    for (const d of plan.deployments) {
      const data = deploymentData(d.input);
      const digest = digestOf(data);
      keep.add(`deployment:${d.input.name}`);
      const m = mark("deployment", d.input.name);
      // A hand-made deployment of the same name is taken over rather than refused: the file names it.
      const existing =
        (m && (await db.deployment.findUnique({ where: { id: m.objectId }, select: { id: true } }))) ||
        (await db.deployment.findUnique({ where: { name: d.input.name }, select: { id: true } }));
      let id: string;
      if (!existing) {
        id = (await createDeployment(db, data)).id;
        result.created.push(`deployment ${d.input.name}`);
      } else if (m?.objectId !== existing.id || m.digest !== digest) {
        id = (await updateDeployment(db, existing.id, data)).id;
        result.updated.push(`deployment ${d.input.name}`);
      } else {
        id = existing.id;
        result.unchanged++;
      }
      deploymentIds.set(d.input.name, id);
      await record("deployment", d.input.name, id, digest, null);

      for (const n of d.nodes) {
        const key = `${d.input.name}/${n.input.name}`;
        const data = nodeData(n.input);
        const digest = digestOf(data);
        keep.add(`node:${key}`);
        const nm = mark("node", key);
        const stored = await db.node.findFirst({
          where: { deploymentId: id, name: n.input.name },
          select: { id: true, passwordEnc: true },
        });
        let nodeId: string;
        if (!stored) {
          nodeId = (await createNode(db, box, id, n.input)).id;
          result.created.push(`node ${key}`);
        } else if (
          nm?.objectId !== stored.id ||
          nm.digest !== digest ||
          !box.canOpen(stored.passwordEnc) ||
          box.open(stored.passwordEnc) !== n.input.password
        ) {
          nodeId = (await updateNode(db, box, id, stored.id, { ...data, password: n.input.password })).id;
          result.updated.push(`node ${key}`);
        } else {
          nodeId = stored.id;
          result.unchanged++;
        }
        await record("node", key, nodeId, digest, { password: n.passwordEnv });

        if (n.turnCredential) {
          keep.add(`turnCredential:${key}`);
          const { input, passwordEnv } = n.turnCredential;
          const c = await db.turnCredential.findUnique({
            where: { nodeId },
            select: { username: true, passwordEnc: true },
          });
          if (
            !c ||
            c.username !== input.username ||
            !box.canOpen(c.passwordEnc) ||
            box.open(c.passwordEnc) !== input.password
          ) {
            await setTurnCredential(db, box, id, nodeId, input);
            (c ? result.updated : result.created).push(`TURN credential ${key}`);
          } else result.unchanged++;
          await record("turnCredential", key, nodeId, digestOf({ username: input.username }), {
            password: passwordEnv,
          });
        }
      }
    }

    for (const c of plan.channels) {
      keep.add(`channel:${c.input.name}`);
      const m = mark("channel", c.input.name);
      const row =
        (m && (await db.alertChannel.findUnique({ where: { id: m.objectId } }))) ||
        (await db.alertChannel.findUnique({ where: { name: c.input.name } }));
      let id: string;
      if (!row) {
        id = (await createChannel(db, box, c.input)).id;
        result.created.push(`channel ${c.input.name}`);
      } else {
        id = row.id;
        let same = row.name === c.input.name && row.type === c.input.type && row.enabled === c.input.enabled;
        try {
          same &&= digestOf(channelConfig(row, box)) === digestOf(c.input.config);
        } catch {
          same = false; // sealed with another key: write it again
        }
        if (same) result.unchanged++;
        else {
          // A secret dropped from the file is cleared ("" clears, an absent key would keep the stored one).
          const cleared = Object.fromEntries(
            secretKeysOf(c.input.type)
              .filter((k) => !(k in c.input.config))
              .map((k) => [k, ""]),
          );
          await updateChannel(db, box, id, { ...c.input, config: { ...cleared, ...c.input.config } });
          result.updated.push(`channel ${c.input.name}`);
        }
      }
      channelIds.set(c.input.name, id);
      await record("channel", c.input.name, id, digestOf({ type: c.input.type, config: c.input.config }), c.secretEnv);
    }

    for (const { deployments, channels, ...r } of plan.rules) {
      keep.add(`rule:${r.name}`);
      // The rule API's own schema, on the names of this file turned into ids.
      const input = ruleInput.parse({
        ...r,
        deploymentIds: deployments?.map((n) => deploymentIds.get(n)!),
        channelIds: channels.map((n) => channelIds.get(n)!),
      });
      const digest = digestOf(input);
      const m = mark("rule", r.name);
      const row =
        (m && (await db.alertRule.findUnique({ where: { id: m.objectId }, select: { id: true } }))) ||
        (await db.alertRule.findUnique({ where: { name: r.name }, select: { id: true } }));
      let id: string;
      if (!row) {
        id = (await createRule(db, input)).id;
        result.created.push(`rule ${r.name}`);
      } else if (m?.objectId !== row.id || m.digest !== digest) {
        id = (await updateRule(db, row.id, input)).id;
        result.updated.push(`rule ${r.name}`);
      } else {
        id = row.id;
        result.unchanged++;
      }
      await record("rule", r.name, id, digest, null);
    }

    // Removed from the file: rules first (they name channels), nodes before their deployments.
    const order: ProvisionedKind[] = ["rule", "channel", "turnCredential", "node", "deployment"];
    const gone = (await db.provisionedObject.findMany())
      .filter((m) => !keep.has(`${m.kind}:${m.key}`))
      .sort((a, b) => order.indexOf(a.kind as ProvisionedKind) - order.indexOf(b.kind as ProvisionedKind));
    for (const m of gone) {
      await removeObject(db, m.kind as ProvisionedKind, m.objectId).catch(ignoreGone);
      await db.provisionedObject.delete({ where: { kind_key: { kind: m.kind, key: m.key } } });
      result.deleted.push(`${m.kind} ${m.key}`);
    }

    const changes = result.created.length + result.updated.length + result.deleted.length;
    if (changes)
      await audit(db, {
        username: null,
        action: "provisioning.apply",
        target: plan.file,
        detail: [
          ...result.created.map((s) => `+${s}`),
          ...result.updated.map((s) => `~${s}`),
          ...result.deleted.map((s) => `-${s}`),
        ].join(", "),
      });
    return result;
  });
}

async function removeObject(db: Db, kind: ProvisionedKind, objectId: string): Promise<void> {
  if (kind === "rule") await deleteRule(db, objectId);
  else if (kind === "channel") await deleteChannel(db, objectId);
  else if (kind === "deployment") await deleteDeployment(db, objectId);
  else {
    const node = await db.node.findUnique({ where: { id: objectId }, select: { deploymentId: true } });
    if (!node) return;
    if (kind === "node") await deleteNode(db, node.deploymentId, objectId);
    else await deleteTurnCredential(db, node.deploymentId, objectId);
  }
}

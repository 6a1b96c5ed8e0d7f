import "server-only";
import type { RuleInput } from "@/lib/domain/alerts/inputs";
import type { RuleView } from "@/lib/domain/alerts/types";
import type { Db } from "@/lib/server/db/client";
import type { AlertRule } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/server/http/app-error";

export function ruleView(r: AlertRule): RuleView {
  return {
    id: r.id,
    name: r.name,
    deploymentIds: JSON.parse(r.deploymentIds) as string[],
    areas: JSON.parse(r.areas) as string[],
    checkIds: JSON.parse(r.checkIds) as string[],
    minSeverity: r.minSeverity as "fail" | "warn",
    pendingSeconds: r.pendingSeconds,
    recoverySeconds: r.recoverySeconds,
    repeatMinutes: r.repeatMinutes,
    channelIds: JSON.parse(r.channelIds) as string[],
    notifyOnResolve: r.notifyOnResolve,
    enabled: r.enabled,
  };
}

async function dataOf(db: Db, input: RuleInput) {
  const known = await db.alertChannel.findMany({ where: { id: { in: input.channelIds } }, select: { id: true } });
  const missing = input.channelIds.filter((id) => !known.some((k) => k.id === id));
  if (missing.length) throw new AppError(400, "bad_request", `channelIds: unknown channel ${missing.join(", ")}`);
  if (input.deploymentIds?.length) {
    const deps = await db.deployment.findMany({ where: { id: { in: input.deploymentIds } }, select: { id: true } });
    const unknown = input.deploymentIds.filter((id) => !deps.some((d) => d.id === id));
    if (unknown.length)
      throw new AppError(400, "bad_request", `deploymentIds: unknown deployment ${unknown.join(", ")}`);
  }
  return {
    name: input.name,
    deploymentIds: JSON.stringify(input.deploymentIds ?? []),
    areas: JSON.stringify(input.areas ?? []),
    checkIds: JSON.stringify(input.checkIds ?? []),
    channelIds: JSON.stringify([...new Set(input.channelIds)]),
    minSeverity: input.minSeverity,
    pendingSeconds: input.pendingSeconds ?? null,
    recoverySeconds: input.recoverySeconds ?? null,
    repeatMinutes: input.repeatMinutes ?? null,
    notifyOnResolve: input.notifyOnResolve,
    enabled: input.enabled,
  };
}

const isUnique = (err: unknown) => (err as { code?: string }).code === "P2002";
const conflict = () => new AppError(409, "conflict", "A rule with this name exists");

export async function listRules(db: Db): Promise<RuleView[]> {
  return (await db.alertRule.findMany({ orderBy: { name: "asc" } })).map(ruleView);
}

export async function createRule(db: Db, input: RuleInput): Promise<RuleView> {
  try {
    return ruleView(await db.alertRule.create({ data: await dataOf(db, input) }));
  } catch (err) {
    throw isUnique(err) ? conflict() : err;
  }
}

export async function updateRule(db: Db, id: string, input: RuleInput): Promise<RuleView> {
  if (!(await db.alertRule.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Rule");
  try {
    return ruleView(await db.alertRule.update({ where: { id }, data: await dataOf(db, input) }));
  } catch (err) {
    throw isUnique(err) ? conflict() : err;
  }
}

/** Deleting a rule ends its alerts quietly: nobody asked for them any more. */
export async function deleteRule(db: Db, id: string, now = new Date()): Promise<string> {
  const row = await db.alertRule.findUnique({ where: { id }, select: { name: true } });
  if (!row) throw notFound("Rule");
  await db.$transaction([
    db.alert.deleteMany({ where: { ruleId: id, state: "pending" } }),
    db.alert.updateMany({
      where: { ruleId: id, state: { in: ["firing", "recovering"] } },
      data: { state: "resolved", resolvedAt: now },
    }),
    db.alertRule.delete({ where: { id } }),
  ]);
  return row.name;
}

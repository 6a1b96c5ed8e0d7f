import "server-only";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { PAYLOAD_SCHEMA } from "@/lib/domain/alerts/payload";
import type { AlertView, BoardAlertMarks } from "@/lib/domain/alerts/types";
import type { AlertState } from "@/lib/domain/alerts/state-machine";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";
import { mutedByMaintenance, silencedNow } from "./maintenance";

/** The Alerts page reads the latest of each state, newest first; older ones are in the audit of messages. */
const LIST_LIMIT = 200;

export async function listAlerts(
  db: Db,
  filter: "firing" | "resolved" | "silenced" | undefined,
  now = new Date(),
): Promise<AlertView[]> {
  const states =
    filter === "resolved" ? ["resolved"] : filter ? ["firing", "recovering"] : ["firing", "recovering", "resolved"];
  const rows = await db.alert.findMany({
    where: { state: { in: states } },
    orderBy: [{ firedAt: "desc" }, { since: "desc" }],
    take: LIST_LIMIT,
  });
  const [rules, deployments, counts, maintenance] = await Promise.all([
    db.alertRule.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.ruleId))] } },
      select: { id: true, name: true },
    }),
    db.deployment.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.deploymentId))] } },
      select: { id: true, name: true },
    }),
    db.alertMessage.groupBy({
      by: ["alertId", "status"],
      where: { alertId: { in: rows.map((r) => r.id) } },
      _count: { _all: true },
    }),
    mutedByMaintenance(db, now),
  ]);
  const ruleName = new Map(rules.map((r) => [r.id, r.name]));
  const depName = new Map(deployments.map((d) => [d.id, d.name]));
  const views = rows.map((a): AlertView => {
    const inMaintenance = a.state !== "resolved" && maintenance.covers(a.deploymentId);
    const silenced = a.state !== "resolved" && silencedNow(a, now);
    const count = (status: string) => counts.find((c) => c.alertId === a.id && c.status === status)?._count._all ?? 0;
    const diagnosis = JSON.parse(a.diagnosis) as Partial<AlertPayload>;
    return {
      id: a.id,
      ruleId: a.ruleId,
      ruleName: ruleName.get(a.ruleId) ?? "(deleted rule)",
      deploymentId: a.deploymentId,
      deploymentName: depName.get(a.deploymentId) ?? "(deleted)",
      kind: a.kind as AlertView["kind"],
      conditionKey: a.conditionKey,
      state: a.state as AlertState,
      silenced: silenced || inMaintenance,
      silencedUntil: silenced ? a.silencedUntil!.toISOString() : null,
      silencedBy: silenced ? a.silencedBy : null,
      inMaintenance,
      severity: a.severity,
      title: diagnosis.check
        ? `${diagnosis.check.title} (${diagnosis.check.domainIds.join(", ")})`
        : (diagnosis.summary ?? a.conditionKey),
      detail: a.detail,
      since: a.since.toISOString(),
      firedAt: a.firedAt?.toISOString() ?? null,
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
      ackedBy: a.ackedBy,
      ackedAt: a.ackedAt?.toISOString() ?? null,
      messages: { sent: count("sent"), pending: count("pending"), dead: count("dead") },
    };
  });
  if (filter === "silenced") return views.filter((v) => v.silenced);
  if (filter === "firing") return views.filter((v) => !v.silenced);
  return views;
}

async function liveAlert(db: Db, id: string) {
  const a = await db.alert.findUnique({ where: { id } });
  if (!a) throw notFound("Alert");
  return a;
}

export async function ackAlert(db: Db, id: string, username: string, now = new Date()): Promise<void> {
  const a = await liveAlert(db, id);
  if (a.state === "pending") throw new AppError(409, "conflict", "This alert has not fired yet");
  await db.alert.update({ where: { id }, data: { ackedBy: username, ackedAt: now } });
}

/** Mutes one alert's messages (repeats, and the fire message if not sent yet) for `minutes`. */
export async function silenceAlert(
  db: Db,
  id: string,
  minutes: number,
  username: string,
  now = new Date(),
): Promise<Date> {
  const a = await liveAlert(db, id);
  if (a.state === "resolved") throw new AppError(409, "conflict", "This alert is resolved");
  const until = new Date(now.getTime() + minutes * 60_000);
  await db.alert.update({ where: { id }, data: { silencedUntil: until, silencedBy: username } });
  return until;
}

/** Deployments the board marks: a bell with the number of firing alerts, the maintenance stripe. */
export async function getBoardAlertMarks(db: Db, now = new Date()): Promise<BoardAlertMarks> {
  const [firing, maintenance, deployments] = await Promise.all([
    db.alert.groupBy({
      by: ["deploymentId"],
      where: { state: { in: ["firing", "recovering"] } },
      _count: { _all: true },
    }),
    mutedByMaintenance(db, now),
    db.deployment.findMany({ select: { id: true } }),
  ]);
  return {
    firing: Object.fromEntries(firing.map((f) => [f.deploymentId, f._count._all])),
    maintenance: maintenance.all ? deployments.map((d) => d.id) : [...maintenance.ids],
  };
}

/** The payload a Send test carries: the v1 schema with event "test", so a receiver can be checked end to end. */
export function testPayload(channelName: string, publicUrl: string, now = new Date()): AlertPayload {
  return {
    schema: PAYLOAD_SCHEMA,
    messageId: crypto.randomUUID(),
    event: "test",
    createdAt: now.toISOString(),
    alert: {
      id: "test",
      rule: { id: "test", name: "Send test" },
      kind: "check",
      severity: "fail",
      since: now.toISOString(),
      firedAt: now.toISOString(),
      resolvedAt: null,
      durationSeconds: null,
    },
    deployment: { id: "test", name: "Edgescope test message", url: publicUrl },
    node: null,
    check: null,
    status: "test",
    summary: `This is a test message from Edgescope to the channel "${channelName}". Alerts will look like this.`,
    words: null,
    evidence: [],
    scenario: null,
    fix: ["Nothing to fix: this message only proves the channel works."],
  };
}

import "server-only";
import type { AlertDiagnosis, AlertEvent, AlertPayload } from "@/lib/domain/alerts/payload";
import { PAYLOAD_SCHEMA } from "@/lib/domain/alerts/payload";
import { messageDue, stepAlert, type LiveState, type Step } from "@/lib/domain/alerts/state-machine";
import type { Alert, AlertRule } from "@/lib/generated/prisma/client";
import { readConditions, readingFor, type Condition } from "./conditions";
import { diagnose, type DiagnosisDeps } from "./diagnosis";
import { mutedByMaintenance, silencedNow } from "./maintenance";
import { enqueue } from "./outbox";
import { ruleView } from "./rule-store";

// One evaluation: every enabled rule against every condition it matches, each alert moved by the
// state machine (lib/domain/alerts/state-machine.ts). Each change and the messages it owes are
// written in one transaction (the outbox). A change is written only if the alert row is still
// as it was read (updatedAt), so a second evaluator — should two ever overlap despite the job
// lease — changes nothing twice and enqueues nothing twice.

export interface EvaluationResult {
  fired: number;
  resolved: number;
  messages: number;
}

class Conflict extends Error {}
const LIVE: LiveState[] = ["pending", "firing", "recovering"];

/** Defaults: 2 poll intervals of the status sources (what most checks read) each way. */
export function timersOf(rule: AlertRule, statusIntervalMs: number) {
  return {
    pendingMs: (rule.pendingSeconds ?? (2 * statusIntervalMs) / 1000) * 1000,
    recoveryMs: (rule.recoverySeconds ?? (2 * statusIntervalMs) / 1000) * 1000,
    repeatMs: rule.repeatMinutes ? rule.repeatMinutes * 60_000 : null,
  };
}

export function ruleMatches(rule: ReturnType<typeof ruleView>, c: Condition): boolean {
  if (rule.deploymentIds.length && !rule.deploymentIds.includes(c.deploymentId)) return false;
  if (rule.checkIds.length) return c.checkId !== null && rule.checkIds.includes(c.checkId);
  if (rule.areas.length) return c.areas.some((a) => rule.areas.includes(a));
  return true;
}

const keyOf = (ruleId: string, deploymentId: string, key: string) => `${ruleId}\u0000${deploymentId}\u0000${key}`;

export async function evaluateAlerts(d: DiagnosisDeps, now = new Date()): Promise<EvaluationResult> {
  const result: EvaluationResult = { fired: 0, resolved: 0, messages: 0 };
  const rules = await d.db.alertRule.findMany({ where: { enabled: true } });
  const conditions = await readConditions(d.db, d.env, now);
  const live = new Map(
    (await d.db.alert.findMany({ where: { state: { in: LIVE } } })).map((a) => [
      keyOf(a.ruleId, a.deploymentId, a.conditionKey),
      a,
    ]),
  );
  const maintenance = await mutedByMaintenance(d.db, now);
  const inWindow = maintenance.covers;
  const enabled = new Set(
    (await d.db.alertChannel.findMany({ where: { enabled: true }, select: { id: true } })).map((c) => c.id),
  );
  const channelsOf = (rule: AlertRule) => (JSON.parse(rule.channelIds) as string[]).filter((id) => enabled.has(id));
  const t = now.getTime();

  for (const rule of rules) {
    const view = ruleView(rule);
    const timers = timersOf(rule, d.env.EDGESCOPE_STATUS_INTERVAL_MS);
    for (const c of conditions.filter((x) => ruleMatches(view, x))) {
      const k = keyOf(rule.id, c.deploymentId, c.key);
      const a = live.get(k) ?? null;
      live.delete(k);
      const step = stepAlert(
        a && { state: a.state as LiveState, since: a.since.getTime(), okSince: a.okSince?.getTime() ?? null },
        readingFor(c, view.minSeverity, t),
        timers,
        t,
      );
      await apply(
        d,
        { rule, c, a, step, now, muted: inWindow(c.deploymentId), channels: channelsOf(rule) },
        result,
      ).catch((err) => {
        if (!(err instanceof Conflict)) throw err;
      });
    }
  }
  // Alerts no rule matches any more (rule disabled or narrowed, deployment or node gone): pending
  // ones are forgotten, firing ones resolve quietly.
  for (const a of live.values()) {
    if (a.state === "pending") await d.db.alert.deleteMany({ where: { id: a.id, updatedAt: a.updatedAt } });
    else
      await d.db.alert.updateMany({
        where: { id: a.id, updatedAt: a.updatedAt },
        data: { state: "resolved", resolvedAt: now },
      });
  }
  await sendOwed(d, rules, channelsOf, inWindow, now, result);
  return result;
}

interface Apply {
  rule: AlertRule;
  c: Condition;
  a: Alert | null;
  step: Step;
  now: Date;
  muted: boolean;
  channels: string[];
}

async function apply(
  d: DiagnosisDeps,
  { rule, c, a, step, now, muted, channels }: Apply,
  result: EvaluationResult,
): Promise<void> {
  const severity = c.kind === "check" ? c.status : c.kind === "poll" ? "fail" : "stale";
  const fires = (step.kind === "open" && step.state === "firing") || (step.kind === "update" && step.fired);
  const diagnosis = fires ? await diagnose(d, c) : null;
  const send = fires && !muted && channels.length > 0;
  await d.db.$transaction(async (tx) => {
    let row: Alert;
    if (step.kind === "none") return;
    if (step.kind === "drop") {
      await tx.alert.deleteMany({ where: { id: a!.id, updatedAt: a!.updatedAt } });
      return;
    }
    if (step.kind === "open") {
      row = await tx.alert.create({
        data: {
          ruleId: rule.id,
          deploymentId: c.deploymentId,
          conditionKey: c.key,
          kind: c.kind,
          state: step.state,
          severity,
          since: new Date(step.since),
          detail: c.detail.slice(0, 1000),
          diagnosis: JSON.stringify(diagnosis ?? {}),
          firedAt: fires ? now : null,
          notified: send,
          lastNotifiedAt: send ? now : null,
        },
      });
    } else {
      const data =
        step.kind === "resolve"
          ? { state: "resolved", resolvedAt: now }
          : {
              state: step.state,
              since: new Date(step.since),
              okSince: step.okSince === null ? null : new Date(step.okSince),
              detail: c.detail.slice(0, 1000),
              severity,
              ...(fires
                ? {
                    firedAt: now,
                    diagnosis: JSON.stringify(diagnosis),
                    notified: send,
                    lastNotifiedAt: send ? now : null,
                  }
                : {}),
            };
      const { count } = await tx.alert.updateMany({ where: { id: a!.id, updatedAt: a!.updatedAt }, data });
      if (!count) throw new Conflict();
      row = await tx.alert.findUniqueOrThrow({ where: { id: a!.id } });
    }
    if (send)
      result.messages += (
        await enqueue(tx, row.id, channels, "firing", payloadOf(row, rule, diagnosis!, now), now)
      ).length;
    if (fires) result.fired++;
    if (step.kind === "resolve") {
      result.resolved++;
      if (row.notified && rule.notifyOnResolve && channels.length) {
        result.messages += (
          await enqueue(
            tx,
            row.id,
            channels,
            "resolved",
            payloadOf(row, rule, JSON.parse(row.diagnosis) as AlertDiagnosis, now),
            now,
          )
        ).length;
      }
    }
  });
}

/** Firing alerts that owe a message: fired during a window or silence now over, or a repeat. */
async function sendOwed(
  d: DiagnosisDeps,
  rules: AlertRule[],
  channelsOf: (r: AlertRule) => string[],
  inWindow: (id: string) => boolean,
  now: Date,
  result: EvaluationResult,
) {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const firing = await d.db.alert.findMany({ where: { state: { in: ["firing", "recovering"] } } });
  for (const a of firing) {
    const rule = byId.get(a.ruleId);
    if (!rule) continue;
    const muted = inWindow(a.deploymentId) || silencedNow(a, now);
    const due = messageDue(
      { state: a.state as LiveState, notified: a.notified, lastNotifiedAt: a.lastNotifiedAt?.getTime() ?? null },
      muted,
      timersOf(rule, d.env.EDGESCOPE_STATUS_INTERVAL_MS).repeatMs,
      now.getTime(),
    );
    const channels = channelsOf(rule);
    if (!due || !channels.length) continue;
    await d.db.$transaction(async (tx) => {
      const { count } = await tx.alert.updateMany({
        where: { id: a.id, updatedAt: a.updatedAt },
        data: { notified: true, lastNotifiedAt: now },
      });
      if (!count) return;
      result.messages += (
        await enqueue(tx, a.id, channels, due, payloadOf(a, rule, JSON.parse(a.diagnosis) as AlertDiagnosis, now), now)
      ).length;
    });
  }
}

export function payloadOf(
  a: Alert,
  rule: AlertRule,
  diagnosis: AlertDiagnosis,
  now: Date,
): Omit<AlertPayload, "messageId" | "event"> {
  const resolved = a.state === "resolved" ? (a.resolvedAt ?? now) : null;
  const end = a.okSince ?? resolved;
  return {
    schema: PAYLOAD_SCHEMA,
    createdAt: now.toISOString(),
    ...diagnosis,
    alert: {
      id: a.id,
      rule: { id: rule.id, name: rule.name },
      kind: a.kind as AlertPayload["alert"]["kind"],
      severity: a.severity === "warn" ? "warn" : a.severity === "stale" ? "stale" : "fail",
      since: a.since.toISOString(),
      firedAt: a.firedAt?.toISOString() ?? null,
      resolvedAt: resolved?.toISOString() ?? null,
      durationSeconds: resolved && end ? Math.round((end.getTime() - a.since.getTime()) / 1000) : null,
    },
  };
}

export type { AlertEvent };

import "server-only";
import { Cron } from "croner";
import type { MaintenanceInput } from "@/lib/domain/alerts/inputs";
import type { MaintenanceView } from "@/lib/domain/alerts/types";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";

// Maintenance windows: one-off (start, end) or recurring (cron + duration + time zone, read by
// croner, which knows time zones and DST so "02:00 Europe/Zurich" stays 02:00 local all year).

type WindowRow = {
  startsAt: Date | null;
  endsAt: Date | null;
  cron: string | null;
  durationMinutes: number | null;
  timezone: string | null;
};

function cronOf(w: WindowRow): Cron | null {
  return w.cron ? new Cron(w.cron, { timezone: w.timezone ?? "UTC", paused: true }) : null;
}

/** Whether a window is in effect at `now`; for a recurring one, whether its last start is within the duration. */
export function windowActive(w: WindowRow, now: Date): boolean {
  if (w.startsAt && w.endsAt) return w.startsAt <= now && now < w.endsAt;
  const cron = cronOf(w);
  if (!cron || !w.durationMinutes) return false;
  const last = cron.previousRuns(1, new Date(now.getTime() + 1))[0];
  return !!last && now.getTime() < last.getTime() + w.durationMinutes * 60_000;
}

export function nextStart(w: WindowRow, now: Date): Date | null {
  if (w.startsAt) return w.startsAt > now ? w.startsAt : null;
  return cronOf(w)?.nextRun(now) ?? null;
}

export interface ActiveMaintenance {
  /** A global window is active: every deployment is in it. */
  all: boolean;
  ids: Set<string>;
  covers(deploymentId: string): boolean;
}

/** Which deployments are in a window now: every one when a global window is active. */
export async function mutedByMaintenance(db: Db, now: Date): Promise<ActiveMaintenance> {
  const active = (await db.maintenanceWindow.findMany()).filter((w) => windowActive(w, now));
  const all = active.some((w) => w.deploymentId === null);
  const ids = new Set(active.flatMap((w) => (w.deploymentId ? [w.deploymentId] : [])));
  return { all, ids, covers: (deploymentId) => all || ids.has(deploymentId) };
}

/** Someone silenced the alert and the silence has not ended. */
export const silencedNow = (a: { silencedUntil: Date | null }, now: Date): boolean =>
  a.silencedUntil !== null && a.silencedUntil > now;

/** An alert whose messages are held: silenced, or its deployment in a maintenance window. */
export const isMuted = (a: { deploymentId: string; silencedUntil: Date | null }, m: ActiveMaintenance, now: Date) =>
  m.covers(a.deploymentId) || silencedNow(a, now);

export async function listWindows(db: Db, now = new Date()): Promise<MaintenanceView[]> {
  const rows = await db.maintenanceWindow.findMany({ orderBy: { createdAt: "desc" } });
  const names = new Map(
    (await db.deployment.findMany({ select: { id: true, name: true } })).map((d) => [d.id, d.name]),
  );
  return rows.map((w) => ({
    id: w.id,
    deploymentId: w.deploymentId,
    deploymentName: w.deploymentId ? (names.get(w.deploymentId) ?? null) : null,
    start: w.startsAt?.toISOString() ?? null,
    end: w.endsAt?.toISOString() ?? null,
    cron: w.cron,
    durationMinutes: w.durationMinutes,
    timezone: w.timezone,
    reason: w.reason,
    createdBy: w.createdBy,
    active: windowActive(w, now),
    nextStart: nextStart(w, now)?.toISOString() ?? null,
  }));
}

export async function createWindow(db: Db, input: MaintenanceInput, username: string): Promise<MaintenanceView> {
  if (
    input.deploymentId &&
    !(await db.deployment.findUnique({ where: { id: input.deploymentId }, select: { id: true } }))
  )
    throw notFound("Deployment");
  let data;
  if ("cron" in input) {
    try {
      cronOf({
        cron: input.cron,
        timezone: input.timezone,
        startsAt: null,
        endsAt: null,
        durationMinutes: input.durationMinutes,
      })?.nextRun();
    } catch (err) {
      throw new AppError(400, "bad_request", `cron: ${(err as Error).message}`);
    }
    data = { cron: input.cron, durationMinutes: input.durationMinutes, timezone: input.timezone };
  } else data = { startsAt: input.start, endsAt: input.end };
  const row = await db.maintenanceWindow.create({
    data: { ...data, deploymentId: input.deploymentId, reason: input.reason, createdBy: username },
  });
  return (await listWindows(db)).find((w) => w.id === row.id)!;
}

export async function deleteWindow(db: Db, id: string): Promise<void> {
  const { count } = await db.maintenanceWindow.deleteMany({ where: { id } });
  if (!count) throw notFound("Maintenance window");
}

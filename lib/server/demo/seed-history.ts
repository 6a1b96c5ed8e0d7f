import "server-only";
import { CMS_DEFAULT_EXISTING_CONFERENCE_BP, CMS_DEFAULT_NEW_CONFERENCE_BP } from "@/lib/domain/capacity";
import { CHECKS } from "@/lib/server/checks";
import { firstRecordedAt, insertCheckStates } from "@/lib/server/checks/check-states";
import { cmsLoad } from "@/lib/server/collectors/cms-load";
import { expresswayCallLicences, type CallLicences } from "@/lib/server/collectors/expressway-call-licences";
import { cmsTurnServers, type TurnServers } from "@/lib/server/collectors/cms-turn-servers";
import { expresswayETurnRelays, type TurnRelays } from "@/lib/server/collectors/expressway-e-turn-relays";
import type { Collector } from "@/lib/server/collectors/types";
import type { Db } from "@/lib/server/db/client";
import { callsAt, mediaLoadAt, relaysAt } from "@/lib/server/lab/relay-curve";
import { writeCycles, type CycleRecord } from "@/lib/server/poller/cycle-writer";
import { DEMO_HISTORY_DAYS, demoMarkerKey, type DemoHistoryMarker } from "@/lib/domain/demo-history";

// `npm run demo`: the lab's deployment gets 90 days of history (relays, turnServer RTT and
// allocations, media load, Expressway calls in use, check states), so the 7 d – 1 y charts have
// something to show on first start. Written through the poller's own write path (the collectors'
// rows() and rollups(), then writeCycles: samples and every rollup tier in one transaction per
// chunk), never straight into the rollup tables, so the tiers agree with the samples as they do
// for polled data. Marked as demo data by a setting row (demo.history.<deployment>) that the
// history view reads and shows; that row also makes a restart skip the seeding. Check states are
// backfilled in the recorder's shape (one row per change) before any state the app recorded.

/** History up to 30 days back: one sample per 5 minutes (the finest tier a 24-h to 30-d chart reads; kept 30 days). */
const OLD_STEP_MS = 5 * 60_000;
/** Older than that, one per 15 minutes: the 5-minute tier is trimmed there, so nothing reads finer (and it halves the seeding time). */
const OLDEST_STEP_MS = 15 * 60_000;
const FIVE_MINUTE_DAYS = 30;
/** The last hours as the poller writes them (the 1-hour chart reads raw 10-s buckets). */
const RECENT_STEP_MS = 10_000;
const RECENT_MS = 3 * 3_600_000;
/** Timestamps per transaction: ~5 days of old history; fewer, larger statements (measured: 300 took a third longer). */
const CHUNK = 1500;
const DAY = 86_400_000;

/** Incidents the demo's history shows (days ago, UTC start hour, hours): what a review would discuss. */
const INCIDENTS = [
  {
    daysAgo: 41,
    hour: 9.2,
    hours: 2.5,
    checkId: "v3-tunnels",
    node: 1,
    status: "fail" as const,
    summary: "Tunnel for the Join URL not Active (demo incident).",
    relays: "keep" as const,
  },
  {
    daysAgo: 12,
    hour: 14,
    hours: 0.8,
    checkId: "r4-turn-active",
    node: 0,
    status: "fail" as const,
    summary: "TURN is not Active (demo incident).",
    relays: "zero" as const,
  },
  {
    daysAgo: 3,
    hour: 2,
    hours: 0.5,
    checkId: "r3-cms-alarms",
    node: 0,
    status: "fail" as const,
    summary: "Active CMS alarms (demo incident).",
    relays: "keep" as const,
  },
];

/** A seeded load's limits: record() writes no snapshot, so these are never stored. */
const NO_LIMITS = {
  loadLimit: null,
  newConferenceBasisPoints: CMS_DEFAULT_NEW_CONFERENCE_BP,
  existingConferenceBasisPoints: CMS_DEFAULT_EXISTING_CONFERENCE_BP,
};

interface SeedNode {
  id: string;
  name: string;
  role: string;
  privateAddress: string | null;
}

/** Deterministic noise in [-1, 1] per node and time, so two seedings write the same history. */
function noise(index: number, t: number): number {
  const x = Math.sin((t / 1000) * 12.9898 + index * 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

function incidentAt(t: number, now: number, node: number, checkId?: string) {
  return INCIDENTS.find((i) => {
    const start = Math.floor((now - i.daysAgo * DAY) / DAY) * DAY + i.hour * 3_600_000;
    return t >= start && t < start + i.hours * 3_600_000 && i.node === node && (!checkId || i.checkId === checkId);
  });
}

/** The collector's own rows and rollup points for one value, without its snapshot (configuration stays what the live poll reads). */
function record<T>(collector: Collector<T>, nodeId: string, at: Date, value: T): CycleRecord {
  const rows = collector.rows(nodeId, at, value);
  const points = collector.rollups?.(value) ?? [];
  return {
    nodeId,
    runs: [],
    snapshots: [],
    samples: rows.samples ? [rows.samples] : [],
    rollups: points.length ? [{ nodeId, at, points }] : [],
  };
}

/** Timestamps from oldest to now: 15-minute steps, 5-minute steps over the last 30 days, 10-s steps over the last three hours. */
export function demoTimestamps(now: number, days = DEMO_HISTORY_DAYS): number[] {
  const out: number[] = [];
  const recentFrom = now - RECENT_MS;
  const fineFrom = Math.ceil((now - FIVE_MINUTE_DAYS * DAY) / DAY) * DAY;
  for (
    let t = Math.ceil((now - days * DAY) / OLDEST_STEP_MS) * OLDEST_STEP_MS;
    t < Math.min(fineFrom, recentFrom);
    t += OLDEST_STEP_MS
  )
    out.push(t);
  for (
    let t = Math.max(fineFrom, Math.ceil((now - days * DAY) / OLD_STEP_MS) * OLD_STEP_MS);
    t < recentFrom;
    t += OLD_STEP_MS
  )
    out.push(t);
  for (let t = Math.ceil(recentFrom / RECENT_STEP_MS) * RECENT_STEP_MS; t < now; t += RECENT_STEP_MS) out.push(t);
  return out;
}

/**
 * Seeds the deployment's history once; returns the marker (existing or new) and whether it wrote
 * anything. A deployment that already has relay samples older than a day is real history: skipped.
 */
export async function seedDemoHistory(
  db: Db,
  deploymentId: string,
  now = Date.now(),
  days = DEMO_HISTORY_DAYS,
): Promise<{ seeded: boolean; marker: DemoHistoryMarker | null; ms: number }> {
  const started = performance.now();
  const key = demoMarkerKey(deploymentId);
  const existing = await db.setting.findUnique({ where: { key } });
  if (existing)
    return { seeded: false, marker: JSON.parse(existing.value) as DemoHistoryMarker, ms: performance.now() - started };
  const nodes: SeedNode[] = await db.node.findMany({
    where: { deploymentId },
    select: { id: true, name: true, role: true, privateAddress: true },
    orderBy: { name: "asc" },
  });
  const es = nodes.filter((n) => n.role === "EXPRESSWAY_E");
  const cms = nodes.filter((n) => n.role === "CMS");
  const expressways = nodes.filter((n) => n.role === "EXPRESSWAY_C" || n.role === "EXPRESSWAY_E");
  const old = await db.turnRelaySample.findFirst({
    where: { nodeId: { in: es.map((e) => e.id) }, ts: { lt: new Date(now - DAY) } },
    select: { ts: true },
  });
  if (old) return { seeded: false, marker: null, ms: performance.now() - started };

  const times = demoTimestamps(now, days);
  for (let i = 0; i < times.length; i += CHUNK) {
    const records: CycleRecord[] = [];
    for (const t of times.slice(i, i + CHUNK)) {
      const at = new Date(t);
      const relays = es.map((e, idx) =>
        incidentAt(t, now, idx)?.relays === "zero" ? 0 : relaysAt(at, idx, noise(idx, t)),
      );
      es.forEach((e, idx) => {
        const down = incidentAt(t, now, idx, "r4-turn-active");
        const value: TurnRelays = {
          current: relays[idx]!,
          peak: relays[idx]!,
          total: 0,
          ports: [],
          serverStatus: down ? "Inactive" : "Active",
        };
        records.push(record(expresswayETurnRelays, e.id, at, value));
      });
      // CMS status is polled every 30 s: the recent part at that pace, as the poller would.
      if (t >= now - RECENT_MS && t % 30_000 !== 0) continue;
      for (const c of cms) {
        const value = {
          turnServers: es.map((e, idx) => ({
            id: `demo-${e.name}`,
            hosts: [
              {
                address: e.privateAddress ?? e.name,
                rttMs: Math.round(4 + 3 * Math.abs(noise(idx + 7, t))),
                allocations: Math.round(relays[idx]! * 0.5),
              },
            ],
          })),
        } as unknown as TurnServers;
        records.push(record(cmsTurnServers, c.id, at, value));
        // Only the load goes to the rollups; the limits are the snapshot, left to the live poll.
        const load = { mediaProcessingLoad: mediaLoadAt(at, noise(cms.indexOf(c) + 13, t)), ...NO_LIMITS };
        records.push(record(cmsLoad, c.id, at, load));
      }
      // Calls in use per licence kind (status pace too); the licensed counts are the live poll's snapshot.
      expressways.forEach((x, idx) => {
        const calls = {
          traversal: { current: callsAt(at, noise(idx + 29, t)), peak: null, licensed: null },
          nonTraversal: { current: callsAt(at, noise(idx + 31, t), 4), peak: null, licensed: null },
        } as CallLicences;
        records.push(record(expresswayCallLicences, x.id, at, calls));
      });
    }
    await db.$transaction((tx) => writeCycles(db, tx, records), { timeout: 60_000, maxWait: 30_000 });
  }
  await seedCheckStates(db, deploymentId, now, days);
  const marker: DemoHistoryMarker = {
    from: new Date(times[0] ?? now).toISOString(),
    to: new Date(now).toISOString(),
    seededAt: new Date().toISOString(),
  };
  await db.setting.create({ data: { key, value: JSON.stringify(marker) } });
  return { seeded: true, marker, ms: performance.now() - started };
}

/**
 * Every check passing from the start, with the incidents' failures, as the check recorder writes
 * changes (one row per change). Backfill only: a check already recorded (the app's recorder ran
 * first) keeps its rows, and the seeded ones stop before its first, so "latest" stays the real one.
 */
async function seedCheckStates(db: Db, deploymentId: string, now: number, days: number): Promise<void> {
  const first = await firstRecordedAt(db, deploymentId);
  const rows: { deploymentId: string; checkId: string; status: string; summary: string; at: Date }[] = [];
  for (const c of CHECKS) {
    const changes = [{ status: "pass", summary: "Passing (demo history).", at: now - days * DAY }];
    for (const i of [...INCIDENTS].filter((x) => x.checkId === c.id).sort((a, b) => b.daysAgo - a.daysAgo)) {
      const start = Math.floor((now - i.daysAgo * DAY) / DAY) * DAY + i.hour * 3_600_000;
      changes.push(
        { status: i.status, summary: i.summary, at: start },
        { status: "pass", summary: "Passing (demo history).", at: start + i.hours * 3_600_000 },
      );
    }
    const before = first.get(c.id) ?? Infinity;
    for (const x of changes)
      if (x.at < before)
        rows.push({ deploymentId, checkId: c.id, status: x.status, summary: x.summary, at: new Date(x.at) });
  }
  await insertCheckStates(db, rows);
}

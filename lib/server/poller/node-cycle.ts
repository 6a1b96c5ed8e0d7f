import "server-only";
import { partsMessage } from "@/lib/domain/source-parts";
import type { PollOutcome } from "@/lib/domain/types";
import type { Collector } from "@/lib/server/collectors/types";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import type { CaptureStore } from "@/lib/server/support/capture-store";
import type { Result } from "@/lib/server/transport/failure";
import { RequestLog } from "@/lib/server/transport/request-log";
import type { Traced } from "@/lib/server/collectors/types";
import { addSourceRows, type CycleRecord } from "./cycle-writer";
import { groupCommitFor } from "./group-commit";
import { toEndpoint, type StoredNode } from "./node-endpoint";

export interface SourceOutcome {
  source: string;
  outcome: PollOutcome;
  message: string | null;
  startedAt: Date;
  finishedAt: Date;
}

const MESSAGE_MAX = 1000;

/** A failure in words, or for an ok poll the parts it could not read ("not available on this version"). */
function messageOf(r: Result<unknown>): string | null {
  if (r.ok) return partsMessage((r.value as Traced | null)?.parts ?? [])?.slice(0, MESSAGE_MAX) ?? null;
  const f = r.failure;
  const text = [f.message, f.excerpt && `near: ${f.excerpt}`].filter(Boolean).join(" — ");
  return text.slice(0, MESSAGE_MAX);
}

export interface CycleDeps {
  db: Db;
  box: SecretBox;
  responseTimeoutMs: number;
  now: () => Date;
  /** Where each source's raw answers of this cycle are kept for the support bundle */
  captures?: CaptureStore;
}

/**
 * Runs the given sources of one node concurrently, then records every attempt and every
 * successful value in ONE transaction, so a crash never leaves half a cycle behind.
 */
export async function runNodeCycle(
  { db, box, responseTimeoutMs, now, captures }: CycleDeps,
  node: StoredNode,
  sources: Collector<unknown>[],
): Promise<SourceOutcome[]> {
  let endpoint;
  try {
    endpoint = toEndpoint(node, box, responseTimeoutMs);
  } catch {
    // A password sealed under another key: report it like any failed poll, never crash.
    const at = now();
    const outcomes = sources.map((c) => ({
      source: c.id,
      outcome: "auth" as const,
      message:
        "password unreadable: the stored password cannot be decrypted with this server's secret key; enter it again in Settings",
      startedAt: at,
      finishedAt: at,
    }));
    await db.pollRun.createMany({ data: outcomes.map((o) => ({ nodeId: node.id, ...o })) });
    return outcomes;
  }

  const results = await Promise.all(
    sources.map(async (collector) => {
      const startedAt = now();
      const log = captures ? new RequestLog() : undefined;
      let result: Result<unknown>;
      try {
        result = await collector.collect({ endpoint: log ? { ...endpoint, capture: log } : endpoint });
      } catch (err) {
        // A collector bug must not stop the poller; it shows up as a parse failure of that source.
        result = {
          ok: false,
          failure: { kind: "parse", message: `internal error in ${collector.id}: ${(err as Error).message}` },
        };
      }
      return { collector, result, startedAt, finishedAt: now(), log };
    }),
  );

  // Every attempt and every value of the cycle are written together, in one transaction shared
  // with the cycles that finish at the same time (group-commit.ts).
  const record: CycleRecord = { nodeId: node.id, runs: [], snapshots: [], samples: [], rollups: [] };
  for (const r of results) {
    if (!r.result.ok) continue;
    try {
      addSourceRows(record, r.collector, r.finishedAt, r.result.value);
    } catch (err) {
      r.result = {
        ok: false,
        failure: { kind: "parse", message: `internal error in ${r.collector.id}: ${(err as Error).message}` },
      };
    }
  }
  const outcomes: SourceOutcome[] = results.map(({ collector, result, startedAt, finishedAt }) => ({
    source: collector.id,
    outcome: result.ok ? "ok" : result.failure.kind,
    message: messageOf(result),
    startedAt,
    finishedAt,
  }));
  record.runs = outcomes;
  if (captures)
    for (const r of results) captures.put(node.id, captureOf(r.collector.id, r.result, r.finishedAt, r.log!));
  await groupCommitFor(db).write(record);
  return outcomes;
}

/** What the support bundle keeps of one source's poll: its answers, outcome and parser trace. */
export function captureOf(source: string, result: Result<unknown>, at: Date, log: RequestLog) {
  const traced = result.ok ? ((result.value ?? {}) as Traced) : {};
  return {
    source,
    at: at.toISOString(),
    outcome: result.ok ? ("ok" as const) : result.failure.kind,
    message: messageOf(result),
    matched: traced.matched ?? {},
    parts: traced.parts ?? [],
    parseError:
      !result.ok && result.failure.kind === "parse"
        ? { path: result.failure.path ?? null, excerpt: result.failure.excerpt ?? null }
        : null,
    requests: log.requests,
    droppedRequests: log.dropped,
  };
}

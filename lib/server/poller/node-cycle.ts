import "server-only";
import type { PollOutcome } from "@/lib/domain/types";
import type { Collector } from "@/lib/server/collectors/types";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import type { Result } from "@/lib/server/transport/failure";
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

function messageOf(r: Result<unknown>): string | null {
  if (r.ok) return null;
  const f = r.failure;
  const text = [f.message, f.excerpt && `near: ${f.excerpt}`].filter(Boolean).join(" — ");
  return text.slice(0, MESSAGE_MAX);
}

export interface CycleDeps {
  db: Db;
  box: SecretBox;
  responseTimeoutMs: number;
  now: () => Date;
}

/**
 * Runs the given sources of one node concurrently, then records every attempt and every
 * successful value in ONE transaction, so a crash never leaves half a cycle behind.
 */
export async function runNodeCycle({ db, box, responseTimeoutMs, now }: CycleDeps, node: StoredNode, sources: Collector<unknown>[]): Promise<SourceOutcome[]> {
  let endpoint;
  try {
    endpoint = toEndpoint(node, box, responseTimeoutMs);
  } catch {
    // A password sealed under another key: report it like any failed poll, never crash.
    const at = now();
    const outcomes = sources.map((c) => ({ source: c.id, outcome: "auth" as const, message: "password unreadable: the stored password cannot be decrypted with this server's secret key; enter it again in Settings", startedAt: at, finishedAt: at }));
    await db.pollRun.createMany({ data: outcomes.map((o) => ({ nodeId: node.id, ...o })) });
    return outcomes;
  }

  const results = await Promise.all(
    sources.map(async (collector) => {
      const startedAt = now();
      let result: Result<unknown>;
      try {
        result = await collector.collect({ endpoint });
      } catch (err) {
        // A collector bug must not stop the poller; it shows up as a parse failure of that source.
        result = { ok: false, failure: { kind: "parse", message: `internal error in ${collector.id}: ${(err as Error).message}` } };
      }
      return { collector, result, startedAt, finishedAt: now() };
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
      r.result = { ok: false, failure: { kind: "parse", message: `internal error in ${r.collector.id}: ${(err as Error).message}` } };
    }
  }
  const outcomes: SourceOutcome[] = results.map(({ collector, result, startedAt, finishedAt }) => ({
    source: collector.id, outcome: result.ok ? "ok" : result.failure.kind, message: messageOf(result), startedAt, finishedAt,
  }));
  record.runs = outcomes;
  await groupCommitFor(db).write(record);
  return outcomes;
}

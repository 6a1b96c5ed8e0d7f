import "server-only";
import type { PartNote } from "@/lib/domain/source-parts";
import type { PollOutcome } from "@/lib/domain/types";
import type { CapturedRequest } from "@/lib/server/transport/request-log";

// The raw answers of each node's last poll, per source, kept in this process's memory for the
// support bundle. Why memory and not a table: the bundle is for "what does my box say right
// now", so only the last poll matters; raw bodies (up to 256 KB each) would multiply the
// database's size for no history anyone reads; and nothing a node answered — which may include
// secrets a box echoes — is ever written to disk. Bounded: one entry per (node, source), each
// with its capped requests. An instance that does not poll a node (another holds its lease, or
// the process restarted) has no entry: the bundle then runs one capture poll on request.

export interface SourceCapture {
  source: string;
  at: string;
  outcome: PollOutcome;
  /** The poll run's message: the failure, or the parts not available */
  message: string | null;
  /** Which naming each parser matched (e.g. { rtt: "roundTripTimeMs" }) */
  matched: Record<string, string>;
  parts: PartNote[];
  /** Where parsing failed, when it did: element path and a piece of the payload */
  parseError: { path: string | null; excerpt: string | null } | null;
  requests: CapturedRequest[];
  droppedRequests: number;
}

export class CaptureStore {
  private readonly byNode = new Map<string, Map<string, SourceCapture>>();

  put(nodeId: string, c: SourceCapture): void {
    let m = this.byNode.get(nodeId);
    if (!m) this.byNode.set(nodeId, (m = new Map()));
    m.set(c.source, c);
  }

  /** The last capture of every source of a node, in source order; empty when none is held. */
  of(nodeId: string): SourceCapture[] {
    return [...(this.byNode.get(nodeId)?.values() ?? [])].sort((a, b) => (a.source < b.source ? -1 : 1));
  }

  /** Drops the captures of nodes no longer polled (deleted), so memory follows the node list. */
  retain(nodeIds: ReadonlySet<string>): void {
    for (const id of this.byNode.keys()) if (!nodeIds.has(id)) this.byNode.delete(id);
  }
}

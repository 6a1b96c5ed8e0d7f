import "server-only";
import { MAX_EVIDENCE_PER_FINDING, type EvidenceRef } from "@/lib/domain/findings";

// Folds repeated occurrences (the same log message every few seconds, a client retransmitting
// the same request) into one evidence line with a count and first/last time, so a finding
// shows twenty distinct things rather than twenty copies of one.

interface Group {
  ref: EvidenceRef;
  count: number;
  first: string | undefined;
  last: string | undefined;
}

export class EvidenceGroups {
  private readonly groups = new Map<string, Group>();
  /** Occurrences seen, folded or not. */
  total = 0;

  /** maxGroups bounds memory on logs with millions of distinct lines; later ones are only counted. */
  constructor(private readonly maxGroups = 1000) {}

  add(key: string, ref: EvidenceRef, time?: string | null): void {
    this.total++;
    const g = this.groups.get(key);
    if (g) {
      g.count++;
      if (time) g.last = time;
      return;
    }
    if (this.groups.size >= this.maxGroups) return;
    this.groups.set(key, { ref, count: 1, first: time ?? undefined, last: time ?? undefined });
  }

  get distinct(): number {
    return this.groups.size;
  }

  /** First occurrences first; at most `limit` groups. */
  evidence(limit = MAX_EVIDENCE_PER_FINDING): EvidenceRef[] {
    const out: EvidenceRef[] = [];
    for (const g of this.groups.values()) {
      if (out.length >= limit) break;
      const ref: EvidenceRef = { ...g.ref };
      if (g.count > 1) {
        ref.count = g.count;
        if (g.first) ref.first = g.first;
        if (g.last) ref.last = g.last;
      }
      out.push(ref);
    }
    return out;
  }

  /** Most frequent first, for "other warnings" style summaries. */
  topByCount(limit = MAX_EVIDENCE_PER_FINDING): EvidenceRef[] {
    const all = [...this.groups.values()].sort((a, b) => b.count - a.count).slice(0, limit);
    return all.map((g) =>
      g.count > 1
        ? { ...g.ref, count: g.count, ...(g.first ? { first: g.first } : {}), ...(g.last ? { last: g.last } : {}) }
        : { ...g.ref },
    );
  }
}

import "server-only";
import { MAX_EVIDENCE_PER_FINDING, type EvidenceRef } from "@/lib/domain/findings";
import { StunMethod } from "@/lib/server/probes/turn/stun-codec";
import type { StunEvent } from "./flow-table";

// Small bounded containers the STUN tracker fills while it reads a capture.

/** The first `cap` pieces of evidence, and how many there were in all. */
export class RefList {
  readonly refs: EvidenceRef[] = [];
  total = 0;

  constructor(private readonly cap = MAX_EVIDENCE_PER_FINDING) {}

  /** Takes a factory: building evidence text for every one of a million messages would dominate the analysis. */
  add(make: () => EvidenceRef): void {
    this.total++;
    if (this.refs.length < this.cap) this.refs.push(make());
  }
}

/** Answered and unanswered requests to one destination ("ip:port", or "UDP ip:port"). */
export interface DestinationTally {
  name: string;
  answered: number;
  unanswered: RefList;
  /** Open requests holding their full event for evidence; bounded so checks are not all retained. */
  kept: number;
}

export class StunCounters {
  messages = 0;
  overTcp = 0;
  requests = 0;
  successes = 0;
  errors = 0;
  indications = 0;
  allocateSuccesses = 0;
  allocateErrors: Record<string, number> = {};
  relayBindingRequests = 0;
  relayBindingAnswered = 0;
  unansweredRequests = 0;
  firstTs = Infinity;
  lastTs = -Infinity;

  count(ev: StunEvent): void {
    const m = ev.msg;
    this.messages++;
    if (ev.proto === "tcp") this.overTcp++;
    if (ev.ts < this.firstTs) this.firstTs = ev.ts;
    if (ev.ts > this.lastTs) this.lastTs = ev.ts;
    switch (m.cls) {
      case "request":
        this.requests++;
        break;
      case "success":
        this.successes++;
        if (m.method === StunMethod.Allocate) this.allocateSuccesses++;
        break;
      case "error":
        this.errors++;
        if (m.method === StunMethod.Allocate) {
          const code = String(m.errorCode ?? 0);
          this.allocateErrors[code] = (this.allocateErrors[code] ?? 0) + 1;
        }
        break;
      default:
        this.indications++;
    }
  }
}

import "server-only";
import type { StunMessageRow } from "@/lib/domain/evidence-details";
import type { FlowState, StunEvent } from "./flow-table";
import type { DestinationTally } from "./tracker-state";

// Requests waiting for their response, as a ring of preallocated slots (struct of arrays).
// A capture can hold a million transactions; one object per open request kept tens of
// thousands of objects alive long enough to be promoted by the garbage collector, which cost
// more than all the parsing. Here a request costs a Map entry and a few array writes.

export const Flag = { ANSWERED: 1, RELAY: 2, SERVER: 4, CREDENTIALS: 8 } as const;

/** STUN gives up after 39.5 s (RFC 8489 §6.2.1: Rc=7, Rm=16, RTO 500 ms); a little more for slow stacks. */
export const TRANSACTION_TIMEOUT_MS = 45_000;

export interface OpenRequest {
  slot: number;
  flags: number;
  packet: number;
  ts: number;
  method: number;
  /** Kept only when it may become evidence (TURN requests, first unanswered checks per destination). */
  ev: StunEvent | undefined;
  flow: FlowState | null;
  tally: DestinationTally | undefined;
  rows: StunMessageRow[] | undefined;
}

/** Slots to start with; the ring doubles up to its bound, so small captures stay cheap to analyse. */
const INITIAL_SLOTS = 1024;

export class OpenTransactions {
  private readonly index = new Map<string, number>();
  private keys: (string | undefined)[] = [];
  private ts = new Float64Array(0);
  private packet = new Float64Array(0);
  private method = new Uint16Array(0);
  private flags = new Uint8Array(0);
  private evs: (StunEvent | undefined)[] = [];
  private flows: (FlowState | null)[] = [];
  private tallies: (DestinationTally | undefined)[] = [];
  private rows: (StunMessageRow[] | undefined)[] = [];
  private capacity = 0;
  private head = 0;
  private count = 0;

  /** `onSettle` is called once per request leaving the table, answered or not. */
  constructor(
    private readonly maxSlots: number,
    private readonly onSettle: (r: OpenRequest) => void,
  ) {
    this.resize(Math.min(INITIAL_SLOTS, maxSlots));
  }

  /** Re-lays the ring out from slot 0 in a larger set of arrays. */
  private resize(size: number): void {
    const keys = new Array<string | undefined>(size);
    const ts = new Float64Array(size);
    const packet = new Float64Array(size);
    const method = new Uint16Array(size);
    const flags = new Uint8Array(size);
    const evs = new Array<StunEvent | undefined>(size);
    const flows = new Array<FlowState | null>(size).fill(null);
    const tallies = new Array<DestinationTally | undefined>(size);
    const rows = new Array<StunMessageRow[] | undefined>(size);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % this.capacity;
      const key = this.keys[from];
      keys[i] = key;
      ts[i] = this.ts[from]!;
      packet[i] = this.packet[from]!;
      method[i] = this.method[from]!;
      flags[i] = this.flags[from]!;
      evs[i] = this.evs[from];
      flows[i] = this.flows[from]!;
      tallies[i] = this.tallies[from];
      rows[i] = this.rows[from];
      if (key !== undefined && this.index.get(key) === from) this.index.set(key, i);
    }
    Object.assign(this, { keys, ts, packet, method, flags, evs, flows, tallies, rows, capacity: size, head: 0 });
  }

  /** The slot of an open transaction, or -1. */
  find(txKey: string): number {
    return this.index.get(txKey) ?? -1;
  }

  view(slot: number): OpenRequest {
    return {
      slot,
      flags: this.flags[slot]!,
      packet: this.packet[slot]!,
      ts: this.ts[slot]!,
      method: this.method[slot]!,
      ev: this.evs[slot],
      flow: this.flows[slot]!,
      tally: this.tallies[slot],
      rows: this.rows[slot],
    };
  }

  flagsOf(slot: number): number {
    return this.flags[slot]!;
  }

  markAnswered(slot: number): void {
    this.flags[slot]! |= Flag.ANSWERED;
  }

  addRow(slot: number, row: StunMessageRow): void {
    const list = (this.rows[slot] ??= []);
    if (list.length < 8) list.push(row);
  }

  /** Opens a transaction; first settles those that timed out or that no longer fit. */
  open(
    txKey: string,
    ts: number,
    packet: number,
    method: number,
    flags: number,
    ev: StunEvent | undefined,
    flow: FlowState | null,
    tally: DestinationTally | undefined,
    row: StunMessageRow | null,
  ): void {
    while (this.count > 0 && this.ts[this.head]! + TRANSACTION_TIMEOUT_MS < ts) this.settleHead();
    if (this.count >= this.capacity) {
      if (this.capacity < this.maxSlots) this.resize(Math.min(this.capacity * 2, this.maxSlots));
      else this.settleHead();
    }
    const slot = (this.head + this.count) % this.capacity;
    this.count++;
    this.index.set(txKey, slot);
    this.keys[slot] = txKey;
    this.ts[slot] = ts;
    this.packet[slot] = packet;
    this.method[slot] = method;
    this.flags[slot] = flags;
    this.evs[slot] = ev;
    this.flows[slot] = flow;
    this.tallies[slot] = tally;
    this.rows[slot] = row ? [row] : undefined;
  }

  /** Settles everything still open, oldest first. */
  drain(): void {
    while (this.count > 0) this.settleHead();
  }

  private settleHead(): void {
    const slot = this.head;
    const key = this.keys[slot];
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    if (key !== undefined && this.index.get(key) === slot) this.index.delete(key);
    this.onSettle(this.view(slot));
    // Drop references so settled evidence and rows can be collected.
    this.keys[slot] = undefined;
    this.evs[slot] = undefined;
    this.flows[slot] = null;
    this.tallies[slot] = undefined;
    this.rows[slot] = undefined;
  }
}

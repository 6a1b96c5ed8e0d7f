import "server-only";
import type { StunMessageRow } from "@/lib/domain/evidence-details";
import type { EvidenceRef } from "@/lib/domain/findings";
import { messageLabel, methodName, StunMethod } from "@/lib/server/probes/turn/stun-codec";
import { dstOf, EndpointMap, FlowTable, isoTime, srcOf, type FlowState, type StunEvent } from "./flow-table";
import { Flag, OpenTransactions, type OpenRequest } from "./open-transactions";
import { RefList, StunCounters, type DestinationTally } from "./tracker-state";

// Pairs requests with responses by transaction id and keeps what the rules need: rejected
// credentials (T1), unanswered Binding checks to the relay range (T3), silent TURN servers
// (R6/R7). Memory is bounded: open transactions, rows and evidence all have caps.

/** TURN relay ports on Expressway-E (domain brief: UDP 24000–29999). */
export const RELAY_PORT_MIN = 24000;
export const RELAY_PORT_MAX = 29999;
/** Rows returned to the UI; the totals say how many more there were. */
export const MAX_MESSAGE_ROWS = 5000;
/** Open transactions held; beyond this the oldest is settled early (as unanswered, if it was). */
const MAX_OPEN = 100_000;
/** Unanswered requests kept as evidence per destination. */
const REFS_PER_DESTINATION = 5;

const TURN_METHODS = new Set<number>([
  StunMethod.Allocate,
  StunMethod.Refresh,
  StunMethod.CreatePermission,
  StunMethod.ChannelBind,
]);

export function describeEvent(ev: StunEvent, extra = ""): EvidenceRef {
  const m = ev.msg;
  const code = m.errorCode !== undefined ? ` ${m.errorCode} ${m.errorReason ?? ""}`.trimEnd() : "";
  const who = [m.username ? `user ${m.username}` : "", m.realm ? `realm ${m.realm}` : ""].filter(Boolean).join(", ");
  return {
    packet: ev.packet,
    first: isoTime(ev.ts),
    text: `${isoTime(ev.ts)} ${srcOf(ev)} → ${dstOf(ev)} ${ev.proto.toUpperCase()}${ev.via ? ` (in ${ev.via})` : ""} ${messageLabel(m.method, m.cls)}${code}${who ? ` (${who})` : ""}${extra}`,
  };
}

export class StunTracker {
  readonly counters = new StunCounters();
  readonly flows = new FlowTable();
  readonly rows: StunMessageRow[] = [];
  /** 401/431/441 answers to requests that carried credentials: T1. */
  readonly rejected = new RefList();
  readonly rejectedUsers = new Set<string>();
  readonly rejectedCodes = new Set<number>();
  readonly rejectedRealms = new Set<string>();
  /** Error responses counted in `rejected` (which also lists their requests). */
  rejectedAnswers = 0;
  /** 401 answers whose request is not in the capture: a challenge or a rejection, we cannot tell. */
  readonly unmatched401 = new RefList();
  readonly otherErrors = new Map<number, RefList>();
  readonly allocations = new RefList();
  /** Binding checks to the relay range (T3), and TURN requests (R6/R7), per destination. */
  readonly relayDest = new DestinationTable("");
  readonly serverUdp = new DestinationTable("UDP ");
  readonly serverTcp = new DestinationTable("TCP ");
  private readonly open = new OpenTransactions(MAX_OPEN, (r) => this.settle(r));

  add(ev: StunEvent): void {
    const m = ev.msg;
    this.counters.count(ev);
    const flow = this.flows.touch(ev);
    let row: StunMessageRow | null = null;
    if (this.rows.length < MAX_MESSAGE_ROWS) row = this.row(ev);
    if (m.cls === "request") this.request(ev, flow, row);
    else if (m.cls === "success" || m.cls === "error") this.response(ev);
  }

  private row(ev: StunEvent): StunMessageRow {
    const m = ev.msg;
    const r: StunMessageRow = {
      packet: ev.packet,
      time: isoTime(ev.ts),
      proto: ev.proto,
      src: srcOf(ev),
      dst: dstOf(ev),
      method: methodName(m.method),
      cls: m.cls,
      label: messageLabel(m.method, m.cls),
      transactionId: Buffer.from(m.txKey, "latin1").toString("hex"),
    };
    if (m.errorCode !== undefined) r.errorCode = m.errorCode;
    if (m.errorReason) r.errorReason = m.errorReason;
    if (m.username) r.username = m.username;
    if (m.realm) r.realm = m.realm;
    if (ev.via) r.via = ev.via;
    this.rows.push(r);
    return r;
  }

  private request(ev: StunEvent, flow: FlowState | null, row: StunMessageRow | null): void {
    const m = ev.msg;
    const known = this.open.find(m.txKey);
    if (known >= 0) {
      // A retransmission: same transaction, nothing new to settle.
      if (row) {
        if (this.open.flagsOf(known) & Flag.ANSWERED) row.answered = true;
        else this.open.addRow(known, row);
      }
      return;
    }
    const relay =
      m.method === StunMethod.Binding &&
      ev.proto === "udp" &&
      !ev.via &&
      ev.dstPort >= RELAY_PORT_MIN &&
      ev.dstPort <= RELAY_PORT_MAX;
    const turn = TURN_METHODS.has(m.method);
    const server = turn || (m.method === StunMethod.Binding && ev.dstPort === 3478);
    let flags = 0;
    let destination: DestinationTally | undefined;
    if (relay) {
      this.counters.relayBindingRequests++;
      flags |= Flag.RELAY;
      destination = this.relayDest.get(ev.dstIp, ev.dstPort);
    } else if (server) {
      flags |= Flag.SERVER;
      destination = (ev.proto === "udp" ? this.serverUdp : this.serverTcp).get(ev.dstIp, ev.dstPort);
    }
    if (turn && (m.hasIntegrity || m.username)) flags |= Flag.CREDENTIALS;
    // Keep the event only where it can still become evidence: TURN requests (rejections name
    // their user) and a few open checks per destination; the rest are described from their slot.
    const keep =
      turn ||
      (destination !== undefined && destination.unanswered.refs.length + destination.kept < REFS_PER_DESTINATION);
    if (keep && destination) destination.kept++;
    this.open.open(m.txKey, ev.ts, ev.packet, m.method, flags, keep ? ev : undefined, flow, destination, row);
  }

  private response(ev: StunEvent): void {
    const m = ev.msg;
    const slot = this.open.find(m.txKey);
    const tx = slot >= 0 ? this.open.view(slot) : null;
    if (tx && !(tx.flags & Flag.ANSWERED)) {
      this.open.markAnswered(slot);
      if (tx.rows) for (const r of tx.rows) r.answered = true;
      if (tx.flags & Flag.RELAY) this.counters.relayBindingAnswered++;
      if (tx.tally) tx.tally.answered++;
    }
    if (m.cls === "success") {
      if (m.method === StunMethod.Allocate)
        this.allocations.add(() => describeEvent(ev, m.relayed ? ` relayed ${m.relayed}` : ""));
      return;
    }
    const code = m.errorCode ?? 0;
    const req = tx?.ev?.msg;
    const who =
      req && !m.username && req.username
        ? { ...ev, msg: { ...m, username: req.username, realm: m.realm ?? req.realm } }
        : ev;
    const turn = TURN_METHODS.has(m.method);
    // Only TURN requests carry the turnServer credentials; a 401 to an ICE check is about ICE ufrag/pwd.
    if (turn && (code === 431 || code === 441 || (code === 401 && tx !== null && tx.flags & Flag.CREDENTIALS))) {
      // The request and its answer side by side, as TAC 210800 shows them in Wireshark.
      const reqEv = tx?.ev;
      if (reqEv) this.rejected.add(() => describeEvent(reqEv));
      this.rejected.add(() => describeEvent(who, tx ? ` — answer to frame ${tx.packet}` : ""));
      this.rejectedAnswers++;
      const user = req?.username ?? m.username;
      const realm = m.realm ?? req?.realm;
      if (user && this.rejectedUsers.size < 20) this.rejectedUsers.add(user);
      if (realm && this.rejectedRealms.size < 20) this.rejectedRealms.add(realm);
      this.rejectedCodes.add(code);
    } else if (turn && code === 401 && tx === null) {
      this.unmatched401.add(() => describeEvent(ev));
    } else if (!(turn && code === 401) && code !== 438) {
      let list = this.otherErrors.get(code);
      if (!list) this.otherErrors.set(code, (list = new RefList()));
      list.add(() => describeEvent(who));
    }
  }

  /** A transaction leaves the table; an unanswered one counts against its flow and destination. */
  private settle(r: OpenRequest): void {
    if (r.ev && r.tally) r.tally.kept--;
    if (r.flags & Flag.ANSWERED) return;
    this.counters.unansweredRequests++;
    if (r.flow) r.flow.summary.unanswered++;
    if (r.rows) for (const row of r.rows) row.answered = false;
    const ev = r.ev;
    const name = r.tally?.name ?? "";
    r.tally?.unanswered.add(() =>
      ev
        ? describeEvent(ev, " — no response")
        : {
            packet: r.packet,
            first: isoTime(r.ts),
            text: `${isoTime(r.ts)} ${methodName(r.method)} request to ${name} — no response`,
          },
    );
  }

  /** Settles every transaction still open; call once, at the end of the capture. */
  finish(): void {
    this.open.drain();
  }
}

/** Destinations tallied one by one, up to a bound; a port scan must not fill memory. */
const MAX_DESTINATIONS = 10_000;

export class DestinationTable {
  private readonly index = new EndpointMap<DestinationTally>();
  readonly all: DestinationTally[] = [];

  constructor(private readonly prefix: string) {}

  get(ip: string, port: number): DestinationTally {
    let t = this.index.get(ip, port);
    if (!t) {
      const name = `${this.prefix}${ip.includes(":") ? `[${ip}]` : ip}:${port}`;
      // Past the bound a throwaway tally absorbs the count: only pathological captures get here.
      if (this.all.length >= MAX_DESTINATIONS) return { name, answered: 0, unanswered: new RefList(0), kept: 0 };
      t = { name, answered: 0, unanswered: new RefList(REFS_PER_DESTINATION), kept: 0 };
      this.index.set(ip, port, t);
      this.all.push(t);
    }
    return t;
  }
}

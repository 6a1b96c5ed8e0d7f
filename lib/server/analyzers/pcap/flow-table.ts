import "server-only";
import type { StunFlowSummary } from "@/lib/domain/evidence-details";
import { methodName } from "@/lib/server/probes/turn/stun-codec";
import type { ScannedStun } from "./stun-scan";

// Per-conversation STUN/TURN counters: one row per (transport, endpoint pair), whichever way
// the packets go, so "client → Expressway-E:3478" shows requests, answers and errors together.

export interface StunEvent {
  /** 1-based frame number. */
  packet: number;
  ts: number;
  proto: "udp" | "tcp";
  // Addresses stay apart: building "ip:port" strings for every message, only to hash them,
  // cost more than parsing the message. srcOf/dstOf build them when a row or evidence needs them.
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort: number;
  via?: "indication" | "channel";
  msg: ScannedStun;
}

export const srcOf = (ev: StunEvent) => endpoint(ev.srcIp, ev.srcPort);
export const dstOf = (ev: StunEvent) => endpoint(ev.dstIp, ev.dstPort);

/** ip → port → value: lookups hash a short address string and a small integer, nothing built per call. */
export class EndpointMap<T> {
  private readonly byIp = new Map<string, Map<number, T>>();

  get(ip: string, port: number): T | undefined {
    return this.byIp.get(ip)?.get(port);
  }

  set(ip: string, port: number, value: T): void {
    let ports = this.byIp.get(ip);
    if (!ports) this.byIp.set(ip, (ports = new Map()));
    ports.set(port, value);
  }
}

export interface FlowState {
  summary: StunFlowSummary;
  /** By method/error number while counting; turned into names only for the flows listed. */
  methods: Map<number, number>;
  errorCodes: Map<number, number>;
  firstTs: number;
  lastTs: number;
}

/** Conversations tracked one by one; later ones are only counted (a scan or a flood must not exhaust memory). */
const MAX_FLOWS = 50_000;
/** Conversations returned, busiest first. */
export const MAX_FLOWS_LISTED = 1000;

export function endpoint(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export const isoTime = (ts: number) =>
  Number.isFinite(ts) && Math.abs(ts) < 8.64e15 ? new Date(ts).toISOString() : String(ts);

export class FlowTable {
  /** src → dst → flow per transport, each flow filed under both directions so one lookup finds it. */
  private readonly udp = new EndpointMap<EndpointMap<FlowState>>();
  private readonly tcp = new EndpointMap<EndpointMap<FlowState>>();
  private readonly flows: FlowState[] = [];
  /** Messages of conversations beyond MAX_FLOWS: counted, not tracked. */
  untrackedMessages = 0;

  /** The flow of a message, created on first sight; null once the table is full. */
  touch(ev: StunEvent): FlowState | null {
    const table = ev.proto === "udp" ? this.udp : this.tcp;
    let f = table.get(ev.srcIp, ev.srcPort)?.get(ev.dstIp, ev.dstPort);
    if (!f) {
      if (this.flows.length >= MAX_FLOWS) {
        this.untrackedMessages++;
        return null;
      }
      // Whoever sends the first request is the client; a capture may start mid-conversation,
      // in which case a response's destination is.
      const clientIsSrc = ev.msg.cls === "request" || ev.msg.cls === "indication";
      f = {
        summary: {
          proto: ev.proto,
          client: clientIsSrc ? srcOf(ev) : dstOf(ev),
          server: clientIsSrc ? dstOf(ev) : srcOf(ev),
          messages: 0,
          requests: 0,
          successes: 0,
          errors: 0,
          indications: 0,
          unanswered: 0,
          methods: {},
          errorCodes: {},
          firstTime: "",
          lastTime: "",
        },
        methods: new Map(),
        errorCodes: new Map(),
        firstTs: ev.ts,
        lastTs: ev.ts,
      };
      this.flows.push(f);
      file(table, ev.srcIp, ev.srcPort, ev.dstIp, ev.dstPort, f);
      file(table, ev.dstIp, ev.dstPort, ev.srcIp, ev.srcPort, f);
    }
    const s = f.summary;
    s.messages++;
    if (ev.msg.cls === "request") s.requests++;
    else if (ev.msg.cls === "success") s.successes++;
    else if (ev.msg.cls === "error") s.errors++;
    else s.indications++;
    f.methods.set(ev.msg.method, (f.methods.get(ev.msg.method) ?? 0) + 1);
    const code = ev.msg.errorCode;
    if (code !== undefined) f.errorCodes.set(code, (f.errorCodes.get(code) ?? 0) + 1);
    if (ev.ts < f.firstTs) f.firstTs = ev.ts;
    if (ev.ts > f.lastTs) f.lastTs = ev.ts;
    return f;
  }

  /** Conversations tracked. */
  get size(): number {
    return this.flows.length;
  }

  /** Busiest first, capped. */
  list(): StunFlowSummary[] {
    return [...this.flows]
      .sort((a, b) => b.summary.messages - a.summary.messages)
      .slice(0, MAX_FLOWS_LISTED)
      .map((f) => ({
        ...f.summary,
        methods: Object.fromEntries([...f.methods].map(([m, n]) => [methodName(m), n])),
        errorCodes: Object.fromEntries([...f.errorCodes].map(([c, n]) => [String(c), n])),
        firstTime: isoTime(f.firstTs),
        lastTime: isoTime(f.lastTs),
      }));
  }
}

function file(
  table: EndpointMap<EndpointMap<FlowState>>,
  ip: string,
  port: number,
  peerIp: string,
  peerPort: number,
  f: FlowState,
): void {
  let peers = table.get(ip, port);
  if (!peers) table.set(ip, port, (peers = new EndpointMap()));
  peers.set(peerIp, peerPort, f);
}

import "server-only";
import type { PcapAnalysis, PcapStats } from "@/lib/domain/evidence-details";
import { rankFindings } from "@/lib/domain/findings";
import { EvidenceFormatError } from "../errors";
import { kindHint } from "../evidence-input";
import { CaptureFormatError, readCapture, type CaptureReader } from "./capture-reader";
import { isoTime, type StunEvent } from "./flow-table";
import { decodeFrame, type DecodedPacket } from "./packet-decoder";
import { pcapFindings } from "./pcap-rules";
import { channelDataInner, looksLikeStun, scanStun, type ScannedStun } from "./stun-scan";
import { MAX_MESSAGE_ROWS, StunTracker } from "./stun-tracker";
import { TcpStunReassembler } from "./tcp-stream";

// pcap/pcapng (Ethernet, Linux cooked, raw IP; IPv4/IPv6; UDP and TCP-framed STUN) → every
// STUN/TURN message with time, addresses, method, class, error code, username and realm; the
// T1/T3 findings; a per-flow summary. One pass, bounded memory, no copy of the capture.

export interface CaptureWalk {
  tracker: StunTracker;
  reader: CaptureReader;
  /** TCP segments to/from port 443 with payload: HTTPS/WSS or TURN over TLS, unreadable here. */
  tls443: number;
}

function open(buf: Buffer): CaptureReader {
  try {
    return readCapture(buf);
  } catch (err) {
    if (!(err instanceof CaptureFormatError)) throw err;
    const why = err.message.replace(/^not a pcap or pcapng file: /, "");
    throw new EvidenceFormatError(
      "pcap",
      `This is not a packet capture (pcap or pcapng): ${why}.${buf.length > 0 ? kindHint(buf, "pcap") : ""}`,
    );
  }
}

/** Reads every packet and feeds STUN/TURN messages (bare, in TURN indications, in ChannelData) to a tracker. */
export function walkCapture(buf: Buffer): CaptureWalk {
  const reader = open(buf);
  const tracker = new StunTracker();
  let packetNo = 0;
  let current: DecodedPacket | null = null;
  let tls443 = 0;

  const emit = (msg: ScannedStun, d: DecodedPacket, ts: number, via?: "indication" | "channel") => {
    const ev: StunEvent = {
      packet: packetNo,
      ts,
      proto: d.proto,
      srcIp: d.src,
      srcPort: d.srcPort,
      dstIp: d.dst,
      dstPort: d.dstPort,
      msg,
    };
    if (via) ev.via = via;
    tracker.add(ev);
    // A Send/Data indication carries a relayed packet — often the ICE check itself (T3).
    if (!via && msg.data && looksLikeStun(msg.data)) {
      const inner = scanStun(msg.data);
      if (inner) emit(inner, d, ts, "indication");
    }
  };
  const handle = (payload: Buffer, d: DecodedPacket, ts: number) => {
    if (payload.length < 20) return;
    const first = payload[0]!;
    if (first < 0x40) {
      const msg = scanStun(payload);
      if (msg) emit(msg, d, ts);
    } else if (first < 0x80) {
      const inner = channelDataInner(payload);
      const msg = inner ? scanStun(inner) : null;
      if (msg) emit(msg, d, ts, "channel");
    }
  };
  const tcp = new TcpStunReassembler(
    (_key, message, ts) => {
      if (current) handle(message, current, ts);
    },
    { channelData: true },
  );

  for (let p = reader.next(); p !== null; p = reader.next()) {
    packetNo++;
    const d = decodeFrame(p.linkType, p.data);
    if (d === null) continue;
    if (d.proto === "udp") {
      handle(d.payload, d, p.ts);
    } else {
      if ((d.srcPort === 443 || d.dstPort === 443) && d.payload.length > 0) tls443++;
      current = d;
      tcp.push(d, p.ts);
    }
  }
  tracker.finish();
  return { tracker, reader, tls443 };
}

/** `buf` is the unpacked upload (evidenceBytes). */
export function analyzePcap(buf: Buffer): PcapAnalysis {
  const { tracker, reader, tls443 } = walkCapture(buf);
  const c = tracker.counters;
  const stats: PcapStats = {
    format: reader.format,
    packets: reader.packets,
    bytes: buf.length,
    stunMessages: c.messages,
    stunOverTcp: c.overTcp,
    requests: c.requests,
    successes: c.successes,
    errors: c.errors,
    indications: c.indications,
    allocateSuccesses: c.allocateSuccesses,
    allocateErrors: c.allocateErrors,
    relayBindingRequests: c.relayBindingRequests,
    relayBindingAnswered: c.relayBindingAnswered,
    unansweredRequests: c.unansweredRequests,
    firstTime: c.messages > 0 ? isoTime(c.firstTs) : null,
    lastTime: c.messages > 0 ? isoTime(c.lastTs) : null,
    truncated: reader.truncated,
  };
  const notes: string[] = [];
  if (reader.problem)
    notes.push(`The capture is damaged or cut short: ${reader.problem}. Everything before that point was analysed.`);
  if (c.messages > MAX_MESSAGE_ROWS)
    notes.push(`Only the first ${MAX_MESSAGE_ROWS} of ${c.messages} STUN/TURN messages are listed; all were analysed.`);
  if (tls443 > 0)
    notes.push(`${tls443} TCP segments on port 443 (HTTPS/WSS, or TURN over TLS) are encrypted and were not read.`);
  if (tracker.flows.untrackedMessages > 0)
    notes.push(
      `${tracker.flows.untrackedMessages} messages belong to conversations beyond the first 50 000 and are not in the flow table.`,
    );
  const ranked = rankFindings(pcapFindings(tracker));
  const problems = ranked.findings.filter((f) => f.severity !== "info").map((f) => f.title);
  return {
    kind: "pcap",
    summary:
      `${stats.packets} packets, ${c.messages} STUN/TURN messages in ${tracker.flows.size} conversation(s). ` +
      (problems.length > 0
        ? `${problems.join("; ")}.`
        : c.messages > 0
          ? "No STUN/TURN failure seen."
          : "No STUN/TURN traffic."),
    scenarioIds: ranked.scenarioIds,
    findings: ranked.findings,
    stats,
    details: {
      messages: tracker.rows,
      messagesTotal: c.messages,
      flows: tracker.flows.list(),
      flowsTotal: tracker.flows.size,
    },
    notes,
  };
}

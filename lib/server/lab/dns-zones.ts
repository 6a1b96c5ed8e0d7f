import "server-only";
import type { Answer, DecodedPacket, OptAnswer, Packet, Question, SrvAnswer, StringAnswer } from "dns-packet";
import type { FaultName } from "./faults";
import { LAB_DEPLOYMENT, LAB_NODES } from "./topology";

// Pure half of the lab's DNS responders: the records each view holds (split DNS, as the domain
// needs it) and how one query is answered. Inside is what the Call Bridge asks (R9; the
// _xmpp-client SRV of T3/T4), outside what a browser on the internet asks (R8).
//   inside   webbridge.example.com A → the Web Bridge (CMS private address); every lab node's
//            name A → its private address; _xmpp-client._tcp.example.com SRV → cms1, port 5222
//   outside  webbridge.example.com A → each Expressway-E's public address (a round robin, R8)
// Addresses are the topology's, the same the lab nodes report (Expressway-C's V1 table included).

export type DnsView = "inside" | "outside";

/** Seconds; a typical zone TTL, short enough that nothing stays cached past a fault for long. */
const TTL = 300;
/** XMPP client port the _xmpp-client SRV record names (RFC 6120 §3.2.1). */
export const XMPP_CLIENT_PORT = 5222;
/** Largest UDP answer without EDNS (RFC 1035 §4.2.1); larger ones are truncated so the client retries over TCP. */
export const CLASSIC_UDP_LIMIT = 512;
/** UDP payload we advertise and honour with EDNS (the DNS flag day 2020 value). */
export const EDNS_UDP_SIZE = 1232;

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
/** Header flag bits (RFC 1035 §4.1.1) not named by dns-packet. */
const AA = 1 << 10;
const TC = 1 << 9;
const RD = 1 << 8;
const RA = 1 << 7;

export interface DnsViewRecords {
  view: DnsView;
  /** Zones the view answers for: other names are REFUSED (the lab resolves nothing on the internet). */
  zones: string[];
  records: Answer[];
}

export const xmppClientSrvName = (domain: string) => `_xmpp-client._tcp.${domain}`;
const lower = (name: string) => name.toLowerCase().replace(/\.$/, "");
const a = (name: string, address: string): StringAnswer => ({ type: "A", class: "IN", name, ttl: TTL, data: address });

/** The records of one view with the lab's DNS faults applied (`on` says whether a fault is switched on). */
export function labDnsRecords(view: DnsView, on: (fault: FaultName) => boolean): DnsViewRecords {
  const { joinUrl, callBridgeDomain } = LAB_DEPLOYMENT;
  const publics = LAB_NODES.filter((n) => n.role === "EXPRESSWAY_E").flatMap((n) =>
    n.publicAddress ? [n.publicAddress] : [],
  );
  if (view === "outside") {
    return {
      view,
      zones: [callBridgeDomain],
      records: on("dns-outside-missing") ? [] : publics.map((p) => a(joinUrl, p)),
    };
  }
  const cms = LAB_NODES.find((n) => n.role === "CMS")!;
  const join = on("dns-inside-missing")
    ? []
    : on("dns-inside-to-expressway")
      ? publics
      : cms.privateAddress
        ? [cms.privateAddress]
        : [];
  const xmpp: SrvAnswer = {
    type: "SRV",
    class: "IN",
    name: xmppClientSrvName(callBridgeDomain),
    ttl: TTL,
    data: { priority: 10, weight: 0, port: XMPP_CLIENT_PORT, target: cms.name },
  };
  return {
    view,
    zones: [callBridgeDomain, ...new Set(LAB_NODES.map((n) => n.name.slice(n.name.indexOf(".") + 1)))],
    records: [
      ...join.map((address) => a(joinUrl, address)),
      ...LAB_NODES.flatMap((n) => (n.privateAddress ? [a(n.name, n.privateAddress)] : [])),
      ...(on("dns-xmpp-srv-missing") ? [] : [xmpp]),
    ],
  };
}

const inZone = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);

/** The SOA a negative answer carries (RFC 2308 §3), so a resolver knows how long to cache it. */
function soa(zone: string): Answer {
  return {
    type: "SOA",
    class: "IN",
    name: zone,
    ttl: TTL,
    data: {
      mname: `ns.${zone}`,
      rname: `hostmaster.${zone}`,
      serial: 1,
      refresh: 3600,
      retry: 600,
      expire: 86_400,
      minimum: TTL,
    },
  };
}

/** The answer to one decoded query, or null when nothing should be sent (it was a response). */
export function answerDnsQuery(query: DecodedPacket, records: DnsViewRecords): Packet | null {
  if (query.type !== "query") return null;
  const ednsQuery = query.additionals?.some((r) => r.type === "OPT") ?? false;
  const opt: OptAnswer = {
    type: "OPT",
    name: ".",
    udpPayloadSize: EDNS_UDP_SIZE,
    extendedRcode: 0,
    ednsVersion: 0,
    flags: 0,
    flag_do: false,
    options: [],
  };
  const reply = (
    rcode: number,
    answers: Answer[] = [],
    authorities: Answer[] = [],
    additionals: Answer[] = [],
    authoritative = true,
  ): Packet => ({
    type: "response",
    id: query.id,
    flags: (authoritative ? AA : 0) | ((query.flags ?? 0) & RD) | RA | rcode,
    questions: query.questions ?? [],
    answers,
    authorities,
    // EDNS is echoed only to a client that used it (RFC 6891 §7).
    additionals: [...additionals, ...(ednsQuery ? [opt] : [])],
  });
  if (((query.flags ?? 0) >> 11) & 0xf) return reply(RCODE.NOTIMP, [], [], [], false); // only QUERY (opcode 0)
  const q: Question | undefined = query.questions?.length === 1 ? query.questions[0] : undefined;
  if (!q) return reply(RCODE.FORMERR, [], [], [], false);
  const name = lower(q.name);
  const zone = records.zones.filter((z) => inZone(name, z)).sort((x, y) => y.length - x.length)[0];
  if (!zone || (q.class ?? "IN") !== "IN") return reply(RCODE.REFUSED, [], [], [], false);
  const owned = records.records.filter((r) => lower(r.name) === name);
  if (!owned.length) return reply(RCODE.NXDOMAIN, [], [soa(zone)]);
  // Echo the question's spelling in the answers: resolvers compare names case-insensitively, some byte for byte.
  const answers = owned.filter((r) => r.type === q.type).map((r) => ({ ...r, name: q.name }) as Answer);
  if (!answers.length) return reply(RCODE.NOERROR, [], [soa(zone)]);
  // SRV targets' addresses ride along in the additional section (RFC 2782), saving a round trip.
  const targets = answers.flatMap((r) => (r.type === "SRV" ? [lower(r.data.target)] : []));
  const glue = records.records.filter((r) => r.type === "A" && targets.includes(lower(r.name)));
  return reply(RCODE.NOERROR, answers, [], glue);
}

/** The UDP size a query's answer must fit: the client's EDNS payload size, else 512. */
export function udpLimit(query: DecodedPacket): number {
  const opt = query.additionals?.find((r) => r.type === "OPT");
  const size = opt && "udpPayloadSize" in opt ? opt.udpPayloadSize : undefined;
  return Math.max(CLASSIC_UDP_LIMIT, Math.min(EDNS_UDP_SIZE, size ?? CLASSIC_UDP_LIMIT));
}

/** What goes back over UDP when the full answer does not fit: the header and question, TC set (RFC 2181 §9). */
export function truncated(reply: Packet): Packet {
  return { ...reply, flags: (reply.flags ?? 0) | TC, answers: [], authorities: [], additionals: [] };
}

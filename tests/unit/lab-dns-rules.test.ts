import * as dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { answerDnsQuery, labDnsRecords, truncated, udpLimit } from "@/lib/server/lab/dns-zones";

// The pure half of the lab's DNS responders: what a malformed or unusual query gets, and how big
// a UDP answer may be. The answers themselves are tested end to end in lab-dns.test.ts.

const inside = labDnsRecords("inside", () => false);
/** A query as the responder sees it: encoded by dns-packet, then decoded. */
const query = (p: dnsPacket.Packet) => dnsPacket.decode(dnsPacket.encode({ type: "query", id: 7, ...p }));
const rcode = (p: dnsPacket.Packet | null) =>
  p ? (dnsPacket.decode(dnsPacket.encode(p)) as dnsPacket.DecodedPacket & { rcode: string }).rcode : null;
const opt = (udpPayloadSize: number): dnsPacket.OptAnswer => ({
  type: "OPT",
  name: ".",
  udpPayloadSize,
  extendedRcode: 0,
  ednsVersion: 0,
  flags: 0,
  flag_do: false,
  options: [],
});
const A = { type: "A" as const, name: "webbridge.example.com" };

describe("lab DNS answers to unusual queries", () => {
  it.each<[string, dnsPacket.Packet, string | null]>([
    ["a plain query", { questions: [A] }, "NOERROR"],
    ["no question → FORMERR", { questions: [] }, "FORMERR"],
    ["two questions → FORMERR", { questions: [A, A] }, "FORMERR"],
    ["class CH → REFUSED", { questions: [{ ...A, class: "CH" }] }, "REFUSED"],
    ["opcode NOTIFY → NOTIMP", { flags: 4 << 11, questions: [A] }, "NOTIMP"],
    ["a response → no answer at all", { type: "response", questions: [A] }, null],
  ])("%s", (_, packet, expected) => {
    expect(rcode(answerDnsQuery(query(packet), inside))).toBe(expected);
  });
});

describe("lab DNS UDP size (RFC 1035 §4.2.1, RFC 6891)", () => {
  it.each<[string, dnsPacket.Answer[] | undefined, number]>([
    ["no EDNS → 512", undefined, 512],
    ["EDNS 4096 → capped at 1232", [opt(4096)], 1232],
    ["EDNS 1000 → 1000", [opt(1000)], 1000],
    ["EDNS below 512 → still 512", [opt(100)], 512],
  ])("%s", (_, additionals, limit) => {
    expect(udpLimit(query({ questions: [A], ...(additionals ? { additionals } : {}) }))).toBe(limit);
  });

  it("a truncated answer keeps the question, drops the records and sets TC", () => {
    const full = answerDnsQuery(query({ questions: [A] }), inside)!;
    const t = dnsPacket.decode(dnsPacket.encode(truncated(full)));
    expect(t).toMatchObject({
      flag_tc: true,
      flag_aa: true,
      questions: [expect.objectContaining({ name: A.name })],
      answers: [],
      additionals: [],
    });
  });
});

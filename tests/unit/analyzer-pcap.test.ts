import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { EvidenceFormatError, pcapAnalyzer } from "@/lib/server/analyzers";
import { scanStun } from "@/lib/server/analyzers/pcap/stun-scan";
import { ethernet, ipv4, udp, writePcap } from "../support/pcap-builders";
import { StunMethod } from "@/lib/server/probes/turn/stun-codec";
import {
  healthyRelay,
  stun,
  t1CoturnTcp,
  t1Expressway431,
  T0,
  t3RelayBlocked,
  turnSilent,
  txid,
} from "../fixtures/analyzers/pcap/scenarios";

const analyze = (b: Buffer) => pcapAnalyzer.analyze(b);

describe("analyze packet captures", () => {
  it.each([
    ["T1 Expressway (431, pcapng, UDP)", t1Expressway431, ["T1"], ["pcap.turn-credentials-rejected"]],
    ["T1 coturn (401, pcap, SLL, IPv6, TCP)", t1CoturnTcp, ["T1"], ["pcap.turn-credentials-rejected"]],
    [
      "T3 relay checks unanswered (raw IP)",
      t3RelayBlocked,
      ["T3"],
      ["pcap.relay-binding-unanswered", "pcap.allocations"],
    ],
    ["healthy relay", healthyRelay, [], ["pcap.relay-binding-answered", "pcap.allocations"]],
    ["TURN silent (R6)", turnSilent, ["T1"], ["pcap.turn-server-silent"]],
  ])("%s", (_name, build, scenarios, ids) => {
    const r = analyze(build());
    expect(r.scenarioIds).toEqual(scenarios);
    expect(r.findings.map((f) => f.id)).toEqual(ids);
  });

  it("T1: shows the credentialed Allocate and its 431 side by side, with user and realm", () => {
    const r = analyze(t1Expressway431());
    const f = r.findings[0]!;
    expect(f.title).toBe("TURN rejected the credentials (431)");
    expect(f.detail).toMatch(/user cmsturn, realm TANDBERG/);
    expect(f.evidence.map((e) => [e.packet, e.text.replace(/^\S+ /, "")])).toEqual([
      [5, "192.0.2.10:50000 → 203.0.113.5:3478 UDP Allocate request (user cmsturn, realm TANDBERG)"],
      [
        6,
        "203.0.113.5:3478 → 192.0.2.10:50000 UDP Allocate error response 431 Integrity Check Failure (user cmsturn, realm TANDBERG) — answer to frame 5",
      ],
    ]);
    // The first 401 answered a request without credentials: the normal challenge, not T1.
    expect(r.stats.allocateErrors).toEqual({ 401: 1, 431: 1 });
    expect(r.details.messages.map((m) => `${m.packet} ${m.label}${m.errorCode ? ` ${m.errorCode}` : ""}`)).toEqual([
      "1 Binding request",
      "2 Binding success response",
      "3 Allocate request",
      "4 Allocate error response 401",
      "5 Allocate request",
      "6 Allocate error response 431",
    ]);
    expect(r.details.messages[0]!.time).toBe(new Date(T0).toISOString());
    expect(r.details.flows).toEqual([
      expect.objectContaining({
        proto: "udp",
        client: "192.0.2.10:50000",
        server: "203.0.113.5:3478",
        messages: 6,
        requests: 3,
        errors: 2,
        unanswered: 0,
        methods: { Binding: 2, Allocate: 4 },
        errorCodes: { 401: 1, 431: 1 },
      }),
    ]);
  });

  it("reads STUN reassembled from TCP segments (tcpPortNumberOverride, C5)", () => {
    const r = analyze(t1CoturnTcp());
    expect(r.stats.stunOverTcp).toBe(4);
    expect(r.details.messages[0]).toMatchObject({
      packet: 4,
      proto: "tcp",
      src: "[2001:db8::10]:51000",
      dst: "[2001:db8::5]:3478",
      answered: true,
    });
  });

  it("T3: counts distinct transactions, not retransmissions, and marks every row unanswered", () => {
    const r = analyze(t3RelayBlocked());
    expect(r.stats.relayBindingRequests).toBe(12);
    expect(r.stats.relayBindingAnswered).toBe(0);
    const f = r.findings[0]!;
    expect(f.detail).toMatch(/^12 Binding request\(s\) to 1 relay address\(es\) \(203\.0\.113\.5:24012\)/);
    expect(f.evidence.length).toBeGreaterThan(0);
    expect(r.details.messages.filter((m) => m.method === "Binding").every((m) => m.answered === false)).toBe(true);
  });

  it("follows checks relayed inside a Data indication and answered inside ChannelData", () => {
    const r = analyze(healthyRelay());
    const relayed = r.details.messages.filter((m) => m.via);
    expect(relayed.map((m) => [m.via, m.label, m.answered])).toEqual([
      ["indication", "Binding request", true],
      ["channel", "Binding success response", undefined],
    ]);
    expect(r.findings.find((f) => f.id === "pcap.allocations")!.evidence[0]!.text).toMatch(
      /relayed 203\.0\.113\.5:24500$/,
    );
  });

  it("a 401 to an ICE check is not a TURN credential failure", () => {
    const id = txid();
    const c = "192.0.2.10";
    const p = [
      {
        ts: T0,
        data: ethernet(
          ipv4(
            c,
            "203.0.113.5",
            17,
            udp(50002, 24012, stun(StunMethod.Binding, "request", id, [{ type: "USERNAME", value: "a:b" }], true)),
          ),
        ),
      },
      {
        ts: T0 + 5,
        data: ethernet(
          ipv4(
            "203.0.113.5",
            c,
            17,
            udp(
              24012,
              50002,
              stun(StunMethod.Binding, "error", id, [{ type: "ERROR-CODE", code: 401, reason: "Unauthorized" }]),
            ),
          ),
        ),
      },
    ];
    const r = analyze(writePcap(p, { linkType: 1 }));
    expect(r.scenarioIds).toEqual([]);
    expect(r.findings.map((f) => f.id)).toContain("pcap.stun-error-401");
  });

  it("a cut-off capture gives a partial result with a note", () => {
    const whole = t1Expressway431();
    const r = analyze(whole.subarray(0, whole.length - 30));
    expect(r.stats.truncated).toBe(true);
    expect(r.notes[0]).toMatch(/damaged or cut short/);
    expect(r.stats.stunMessages).toBe(5);
  });

  it("no STUN at all", () => {
    const r = analyze(
      writePcap(
        [{ ts: T0, data: ethernet(ipv4("192.0.2.1", "192.0.2.2", 17, udp(5000, 5001, Buffer.alloc(200, 0x80)))) }],
        { linkType: 1 },
      ),
    );
    expect(r.findings.map((f) => f.id)).toEqual(["pcap.no-stun"]);
  });

  it("reads .pcap.gz", () => {
    expect(analyze(gzipSync(t1Expressway431())).scenarioIds).toEqual(["T1"]);
  });

  it("scanStun rejects lying lengths and overrunning attributes", () => {
    const good = stun(StunMethod.Allocate, "request", txid(), [{ type: "USERNAME", value: "cmsturn" }]);
    expect(scanStun(good)?.username).toBe("cmsturn");
    const lying = Buffer.from(good);
    lying.writeUInt16BE(good.length, 2);
    expect(scanStun(lying)).toBeNull();
    const overrun = Buffer.from(good);
    overrun.writeUInt16BE(0x0fff, 22);
    expect(scanStun(overrun)).toBeNull();
  });

  it.each([
    [
      "text",
      Buffer.from("2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4\n"),
      /not a packet capture \(pcap or pcapng\): first bytes are .*It looks like a CMS event log/,
    ],
    ["empty", Buffer.alloc(0), /the file is empty/],
    ["a zip", Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), /first bytes are 50 4b 03 04/],
  ])("%s → EvidenceFormatError", (_n, input, message) => {
    expect(() => analyze(input)).toThrow(EvidenceFormatError);
    expect(() => analyze(input)).toThrow(message);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { EvidenceFormatError, webrtcInternalsAnalyzer } from "@/lib/server/analyzers";

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, "../fixtures/analyzers/webrtc-internals", name));
const analyze = (input: Buffer | object) =>
  webrtcInternalsAnalyzer.analyze(Buffer.isBuffer(input) ? input : Buffer.from(JSON.stringify(input)));

const TURN_CONFIG = "{ iceServers: [turn:203.0.113.5:3478?transport=udp], iceTransportPolicy: all }";
const candidate = (type: string, addr: string, port: number, extra = "") =>
  `sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:1 1 udp 100 ${addr} ${port} typ ${type}${extra}`;
const iceError = (url: string, code: number, text: string) =>
  `url: ${url}\naddress: 192.0.2.x\nport: 54321\nhost_candidate: 192.0.2.x:54321\nerror_text: ${text}\nerror_code: ${code}`;
const dump = (updateLog: { type: string; value: string }[], rtcConfiguration: unknown = TURN_CONFIG) => ({
  PeerConnections: {
    "1-1": {
      url: "https://webbridge.example.com/",
      rtcConfiguration,
      updateLog: updateLog.map((e, i) => ({ time: 1690380500000 + i * 1000, ...e })),
      stats: {},
    },
  },
});

describe("analyze webrtc-internals dumps", () => {
  it.each([
    ["t1-turn-unauthorized.json", ["T1"], ["webrtc-internals.turn-credentials"]],
    ["t3-relay-checks-failed.json", ["T3"], ["webrtc-internals.relay-checks-failed"]],
    ["healthy-relay.json", [], ["webrtc-internals.connected"]],
    ["legacy-connected.json", [], ["webrtc-internals.connected"]],
  ])("%s → %j", (name, scenarios, ids) => {
    const r = analyze(fixture(name));
    expect(r.scenarioIds).toEqual(scenarios);
    expect(r.findings.map((f) => f.id)).toEqual(ids);
  });

  it("T1: lists the 401 and 431 errors with their TURN URLs, and no relay candidate", () => {
    const r = analyze(fixture("t1-turn-unauthorized.json"));
    const f = r.findings[0]!;
    expect(f.severity).toBe("fail");
    expect(f.evidence.map((e) => e.text)).toEqual([
      "7/26/2023, 2:08:21 PM  icecandidateerror 401 Unauthorized — turn:203.0.113.5:3478?transport=udp (from 192.0.2.x:54321)",
      "7/26/2023, 2:08:21 PM  icecandidateerror 431 Integrity Check Failure — turn:203.0.113.5:3478?transport=tcp (from 192.0.2.x:9)",
    ]);
    expect(r.stats.localCandidates).toEqual({ host: 1, srflx: 1, prflx: 0, relay: 0 });
    expect(r.stats.iceErrorCodes).toEqual({ 401: 1, 431: 1 });
    const pc = r.details.peerConnections[0]!;
    expect(pc.turnUrls).toEqual(["turn:203.0.113.5:3478?transport=udp", "turn:203.0.113.5:3478?transport=tcp"]);
    expect(pc.turnUrlsTried).toEqual(pc.turnUrls);
    expect(pc.iceStates).toEqual(["checking", "failed"]);
    expect(pc.pairs).toEqual([expect.objectContaining({ state: "failed", requestsSent: 31, responsesReceived: 0 })]);
  });

  it("healthy: the selected pair goes through the relay; a 701 from an IPv6 interface is noise", () => {
    const r = analyze(fixture("healthy-relay.json"));
    const pc = r.details.peerConnections[0]!;
    expect(pc.selectedPair).toBe("relay 203.0.113.5:24500/udp via udp → relay 203.0.113.5:24012/udp");
    expect(pc.localCandidates.find((c) => c.type === "relay")).toEqual({
      type: "relay",
      address: "203.0.113.5",
      port: 24500,
      protocol: "udp",
      url: "turn:203.0.113.5:3478?transport=udp",
      relayProtocol: "udp",
    });
    expect(r.findings[0]!.title).toBe("Media path established through the TURN relay");
    expect(r.summary).toMatch(/ICE connected/);
  });

  it("701 with no relay at all: TURN not reached (R6), the T1 symptom", () => {
    const r = analyze(
      dump([
        {
          type: "icecandidateerror",
          value: iceError("turn:203.0.113.5:3478?transport=udp", 701, "STUN host lookup received error."),
        },
        { type: "iceconnectionstatechange", value: "failed" },
      ]),
    );
    expect(r.findings.map((f) => [f.id, f.severity, f.domainIds])).toEqual([
      ["webrtc-internals.turn-unreachable", "fail", ["R6", "C5"]],
    ]);
  });

  it("no TURN server in the configuration (C5)", () => {
    const r = analyze(
      dump(
        [{ type: "icecandidate", value: candidate("host", "192.0.2.10", 5000) }],
        "{ iceServers: [stun:stun.example.net:3478] }",
      ),
    );
    expect(r.findings.map((f) => f.id)).toEqual(["webrtc-internals.no-turn-server"]);
    expect(r.scenarioIds).toEqual(["T1"]);
  });

  it("one cluster node rejects while another relays: a warning, not a failure", () => {
    const r = analyze(
      dump([
        {
          type: "icecandidateerror",
          value: iceError("turn:203.0.113.6:3478?transport=udp", 431, "Integrity Check Failure"),
        },
        {
          type: "icecandidate",
          value: candidate("relay", "203.0.113.5", 24500, " url: turn:203.0.113.5:3478?transport=udp"),
        },
        { type: "iceconnectionstatechange", value: "connected" },
      ]),
    );
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([
      ["webrtc-internals.turn-credentials", "warn"],
      ["webrtc-internals.connected", "info"],
    ]);
  });

  it("accepts an object rtcConfiguration, onIceCandidate and legacy state names, and gzip", () => {
    const old = dump(
      [
        { type: "onIceCandidate", value: candidate("relay", "203.0.113.5", 24500) },
        { type: "iceConnectionStateChange", value: "ICEConnectionStateFailed" },
      ],
      { iceServers: [{ urls: ["turn:203.0.113.5:3478"] }] },
    );
    const r = analyze(gzipSync(Buffer.from(JSON.stringify(old))));
    expect(r.details.peerConnections[0]!.iceStates).toEqual(["failed"]);
    expect(r.findings.map((f) => f.id)).toEqual(["webrtc-internals.relay-checks-failed"]);
  });

  it("tolerates missing and mistyped sections", () => {
    const odd = {
      PeerConnections: {
        a: null,
        b: { updateLog: "nope", stats: [1, 2], rtcConfiguration: 42 },
        c: { updateLog: [null, 5, { type: 7 }] },
      },
      getUserMedia: { not: "an array" },
    };
    const r = analyze(odd);
    expect(r.findings).toEqual([]);
    expect(r.notes[0]).toMatch(/No PeerConnection shows ICE activity/);
    expect(analyze({ PeerConnections: {} }).notes[0]).toMatch(/holds no PeerConnection/);
  });

  it("reports getUserMedia failures as context", () => {
    const r = analyze({
      PeerConnections: {},
      getUserMedia: [
        { origin: "https://webbridge.example.com", request_id: 0 },
        { request_id: 0, error: "NotAllowedError", error_message: "Permission denied" },
      ],
    });
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([["webrtc-internals.getusermedia-error", "info"]]);
  });

  it.each([
    [
      "a HAR",
      Buffer.from('{"log":{"version":"1.2","entries":[]}}'),
      /not a webrtc-internals dump: no PeerConnections object \(top-level keys: log\).*HAR file/,
    ],
    [
      "a CMS log",
      Buffer.from("2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4\n"),
      /not JSON\. It looks like a CMS event log/,
    ],
    ["cut short", fixture("t1-turn-unauthorized.json").subarray(0, 500), /not valid JSON.*cut short/],
    ["a JSON array", Buffer.from("[1,2,3]"), /no PeerConnections object/],
    ["damaged gzip", gzipSync(fixture("healthy-relay.json")).subarray(0, 100), /gzip data is damaged/],
  ])("%s → EvidenceFormatError", (_n, input, message) => {
    expect(() => analyze(input)).toThrow(EvidenceFormatError);
    expect(() => analyze(input)).toThrow(message);
  });
});

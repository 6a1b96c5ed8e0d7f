import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EvidenceFormatError, harAnalyzer } from "@/lib/server/analyzers";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../fixtures/analyzers/har", name));
const analyze = (input: Buffer | object, joinUrl?: string) =>
  harAnalyzer.analyze(Buffer.isBuffer(input) ? input : Buffer.from(JSON.stringify(input)), joinUrl ? { joinUrl } : {});

const entry = (url: string, status: number, extra: Record<string, unknown> = {}) => ({
  startedDateTime: "2023-07-26T14:08:00.000Z",
  request: { method: "GET", url, headers: [] },
  response: { status, statusText: "", headers: [], content: { mimeType: "text/html" }, redirectURL: "" },
  ...extra,
});

describe("analyze HAR files", () => {
  it.each([
    ["healthy.har", [], ["har.clean"]],
    ["t1-back-to-start.har", ["T1", "T3"], ["har.back-to-start"]],
    ["websocket-failed.har", ["T4"], ["har.websocket-failed", "har.forbidden", "har.http-failures"]],
    ["bad-request.har", [], ["har.bad-request"]],
  ])("%s → %j", (name, scenarios, ids) => {
    const r = analyze(fixture(name));
    expect(r.scenarioIds).toEqual(scenarios);
    expect(r.findings.map((f) => f.id)).toEqual(ids);
    expect(r.stats.joinHost).toBe("webbridge.example.com");
  });

  it("back to the start page ~30 s after the websocket opened: a low-confidence T1/T3 hint", () => {
    const f = analyze(fixture("t1-back-to-start.har")).findings[0]!;
    expect(f.confidence).toBe("low");
    expect(f.detail).toMatch(/32 s later.*About 30 s is ICE giving up/);
    expect(f.evidence).toEqual([
      expect.objectContaining({ entry: 8, text: "GET https://webbridge.example.com/ → 200 OK (32 s after joining)" }),
    ]);
  });

  it("websocket failures carry the Web Proxy checks (V2, V3) and the T4 fix", () => {
    const r = analyze(fixture("websocket-failed.har"));
    const ws = r.findings[0]!;
    expect(ws.evidence.map((e) => e.entry)).toEqual([6, 8]);
    expect(ws.evidence[0]!.text).toContain("no response (net::ERR_CONNECTION_RESET)");
    expect(ws.fix.join(" ")).toMatch(/SSH tunnels.*_xmpp-client/s);
    expect(r.stats.websockets).toBe(2);
    expect(r.stats.websocketsUpgraded).toBe(0);
    expect(r.details.websockets.map((w) => w.status)).toEqual([0, 403]);
  });

  it("Bad Request on the join URL points at the Guest account client URI (C1, TAC 211301)", () => {
    const f = analyze(fixture("bad-request.har")).findings[0]!;
    expect(f.domainIds).toEqual(["C1", "C2"]);
    expect(f.fix[0]).toMatch(/Guest account client URI/);
    expect(f.evidence).toHaveLength(1);
  });

  it("uses the given join URL instead of guessing, and ignores failures elsewhere", () => {
    const har = {
      log: {
        entries: [
          entry("https://cdn.example.net/a.js", 500),
          entry("https://cdn.example.net/b.js", 500),
          entry("https://join.example.com/", 200, { _resourceType: "document" }),
        ],
      },
    };
    const r = analyze(har, "https://join.example.com/en-US/home");
    expect(r.stats.joinHost).toBe("join.example.com");
    expect(r.findings.map((f) => f.id)).toEqual(["har.clean"]);
    expect(r.notes.some((n) => n.includes("guessed"))).toBe(false);
  });

  it("a redirect back to the start page after the meeting page counts, an aborted request does not", () => {
    const har = {
      log: {
        entries: [
          entry("https://join.example.com/meeting/lab.space", 200, {
            _resourceType: "document",
            startedDateTime: "2023-07-26T14:08:00.000Z",
          }),
          entry("https://join.example.com/api/x", 0, { response: { status: 0, _error: "net::ERR_ABORTED" } }),
          entry("https://join.example.com/meeting/lab.space/leave", 302, {
            startedDateTime: "2023-07-26T14:08:05.000Z",
            response: { status: 302, statusText: "Found", redirectURL: "/" },
          }),
        ],
      },
    };
    const r = analyze(har);
    expect(r.findings.map((f) => [f.id, f.scenarioIds])).toEqual([["har.back-to-start", ["T3", "T1"]]]);
  });

  it("tolerates missing request/response parts and odd types", () => {
    const r = analyze({
      log: {
        entries: [
          null,
          3,
          {},
          { request: { url: 42 } },
          { request: { url: "not a url" }, response: { status: "200" } },
        ],
      },
    });
    expect(r.stats.entries).toBe(3);
    expect(r.stats.joinHost).toBeNull();
  });

  it.each([
    [
      "a webrtc-internals dump",
      readFileSync(join(import.meta.dirname, "../fixtures/analyzers/webrtc-internals/healthy-relay.json")),
      /not a HAR file: no log\.entries\. It looks like a webrtc-internals dump/,
    ],
    ["log without entries", Buffer.from('{"log":{"version":"1.2"}}'), /not a HAR file: no log\.entries/],
    ["a capture", Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]), /not JSON\. It looks like a packet capture/],
    ["cut short", fixture("healthy.har").subarray(0, 1000), /cut short/],
  ])("%s → EvidenceFormatError", (_n, input, message) => {
    expect(() => analyze(input)).toThrow(EvidenceFormatError);
    expect(() => analyze(input)).toThrow(message);
  });
});

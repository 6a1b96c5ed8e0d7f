import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { cmsLogAnalyzer, EvidenceFormatError } from "@/lib/server/analyzers";
import { parseLogLine } from "@/lib/server/analyzers/cms-log/line-parser";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../fixtures/analyzers/cms-log", name));
const analyze = (input: Buffer | string) => cmsLogAnalyzer.analyze(Buffer.isBuffer(input) ? input : Buffer.from(input));

describe("CMS log lines", () => {
  it.each([
    [
      "2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4 (unauthorized - check credentials)",
      "web-ui",
      "2017-04-15 10:34:56.536",
      "warning",
      "call 7: ICE failure 4 (unauthorized - check credentials)",
    ],
    [
      '2017-04-15\t12:09:06.647\tWeb bridge connection to "webbridge.example.com" failed (DNS failure)',
      "web-ui",
      "2017-04-15 12:09:06.647",
      null,
      'Web bridge connection to "webbridge.example.com" failed (DNS failure)',
    ],
    [
      "2017-04-15 11:55:50.835 Info failed to establish connection to web bridge link 2 (unknown error)",
      "web-ui",
      "2017-04-15 11:55:50.835",
      "info",
      "failed to establish connection to web bridge link 2 (unknown error)",
    ],
    [
      'Jul 26 14:08:23 user.info Core1 host:server:  INFO : API trace 8889: GET for "/api/v1/system/status" (from 192.0.2.40)',
      "syslog",
      "Jul 26 14:08:23",
      "info",
      'API trace 8889: GET for "/api/v1/system/status" (from 192.0.2.40)',
    ],
    [
      '<12>Jul  6 14:08:23 user.warning cms1 host:server: WARNING : web bridge link 1: name resolution for "x" failed',
      "syslog",
      "Jul  6 14:08:23",
      "warning",
      'web bridge link 1: name resolution for "x" failed',
    ],
    [
      "2023-07-26T14:08:23.123Z cms1 host:server: ERROR : xmpp: unable to connect",
      "iso",
      "2023-07-26T14:08:23.123Z",
      "error",
      "xmpp: unable to connect",
    ],
    ["   continuation of the previous message", null, null, null, "continuation of the previous message"],
  ])("%s", (raw, format, time, level, message) => {
    expect(parseLogLine(raw, 1)).toEqual({ line: 1, format, time, level, message });
  });
});

describe("analyze CMS event logs", () => {
  it.each([
    ["t1-ice-failure.tsv", ["T1"], ["cms-log.ice-unauthorized"]],
    ["t2-web-bridge.tsv", ["T2"], ["cms-log.web-bridge-dns", "cms-log.web-bridge-link"]],
    ["t2-syslog.log", ["T2"], ["cms-log.web-bridge-dns", "cms-log.web-bridge-link"]],
    ["t4-xmpp-inferred.log", ["T4", "T3", "T1"], ["cms-log.xmpp-srv", "cms-log.xmpp-failure", "cms-log.turn-failure"]],
    ["healthy.log", [], ["cms-log.clean"]],
  ])("%s → %j", (name, scenarios, ids) => {
    const result = analyze(fixture(name));
    expect(result.kind).toBe("cms-log");
    expect(result.scenarioIds).toEqual(scenarios);
    expect(result.findings.map((f) => f.id)).toEqual(ids);
    for (const f of result.findings) if (f.severity !== "info") expect(f.fix.length).toBeGreaterThan(0);
  });

  it("points T1 at the exact lines, folding calls 7 and 8 into one group with first/last time", () => {
    const t1 = analyze(fixture("t1-ice-failure.tsv")).findings[0]!;
    expect(t1.title).toMatch(/ICE failure 4/);
    expect(t1.domainIds).toEqual(["C3", "C5"]);
    expect(t1.evidence).toEqual([
      {
        line: 3,
        count: 2,
        first: "2017-04-15 10:34:56.536",
        last: "2017-04-15 10:37:33.917",
        text: "2017-04-15 10:34:56.536  call 7: ICE failure 4 (unauthorized - check credentials)",
      },
    ]);
    expect(t1.detail).toContain("call 7, call 8");
    expect(t1.fix[0]).toMatch(/local authentication database \(C3\)/);
  });

  it("names the unresolvable host and the link for T2", () => {
    const result = analyze(fixture("t2-web-bridge.tsv"));
    const dns = result.findings.find((f) => f.id === "cms-log.web-bridge-dns")!;
    expect(dns.detail).toContain('"webbridge.example.com" (×4)');
    expect(dns.evidence.map((e) => e.line)).toEqual([2, 3]);
    expect(dns.fix.join(" ")).toMatch(/dns flush/);
    expect(result.findings.find((f) => f.id === "cms-log.web-bridge-link")!.evidence[0]!.line).toBe(1);
  });

  it("reads CRLF, UTF-16 (Windows editors) and gzip copies the same way", () => {
    const text = fixture("t1-ice-failure.tsv").toString("utf8");
    const crlf = Buffer.from(text.replace(/\n/g, "\r\n"));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    for (const input of [crlf, utf16, gzipSync(Buffer.from(text))]) {
      const r = analyze(input);
      expect(r.scenarioIds).toEqual(["T1"]);
      expect(r.findings[0]!.evidence[0]!.line).toBe(3);
    }
  });

  it("tells other ICE failure codes apart from T1", () => {
    const r = analyze("2017-04-15\t10:34:56.536\tWarning\tcall 9: ICE failure 2 (no response)\n");
    expect(r.findings.map((f) => [f.id, f.severity, f.scenarioIds])).toEqual([
      ["cms-log.ice-failure-other", "warn", ["T3", "T1"]],
    ]);
  });

  it("lists unmatched warnings as context, most frequent first", () => {
    const lines = [
      "2017-04-15\t10:00:00.000\tWarning\tdisk nearly full",
      "2017-04-15\t10:00:01.000\tError\tlicence expired",
      "2017-04-15\t10:00:02.000\tWarning\tdisk nearly full",
    ];
    const r = analyze(lines.join("\n"));
    const other = r.findings.find((f) => f.id === "cms-log.other-warnings")!;
    expect(other.severity).toBe("info");
    expect(other.evidence.map((e) => [e.line, e.count])).toEqual([
      [1, 2],
      [2, undefined],
    ]);
  });

  it("caps evidence and reports the total", () => {
    const many = Array.from(
      { length: 500 },
      (_, i) =>
        `2017-04-15\t10:00:00.000\tWarning\tweb bridge link ${i}: name resolution for "wb${i}.example.com" failed`,
    );
    const f = analyze(many.join("\n")).findings[0]!;
    expect(f.evidence).toHaveLength(20);
    expect(f.evidenceTotal).toBe(500);
  });

  it.each([
    ["prose", fixture("not-a-log.txt"), /not a CMS event log: no line starts with a date and time/],
    ["empty", Buffer.alloc(0), /empty/],
    ["JSON", Buffer.from('{"log":{"entries":[]}}'), /it is JSON\. It looks like a HAR file/],
    [
      "a capture",
      Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0]),
      /binary, not text\. It looks like a packet capture/,
    ],
    ["200 lines of prose", Buffer.from("just words\n".repeat(300)), /none of its first 200 lines/],
  ])("%s → EvidenceFormatError", (_name, input, message) => {
    expect(() => analyze(input)).toThrow(EvidenceFormatError);
    expect(() => analyze(input)).toThrow(message);
  });
});

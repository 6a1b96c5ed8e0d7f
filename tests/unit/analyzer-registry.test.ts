import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EVIDENCE_KINDS, SCENARIO_IDS } from "@/lib/domain/findings";
import { SCENARIOS } from "@/lib/domain/fix-steps";
import {
  ANALYZERS,
  EvidenceFormatError,
  EvidenceTooLargeError,
  getAnalyzer,
  guessEvidenceKind,
} from "@/lib/server/analyzers";
import { AppError } from "@/lib/server/http/app-error";
import { t1Expressway431, t3RelayBlocked } from "../fixtures/analyzers/pcap/scenarios";

const fixture = (path: string) => readFileSync(join(import.meta.dirname, "../fixtures/analyzers", path));

// The "done when": each evidence kind yields the right scenario on its fixture.
const CASES = [
  ["cms-log", "cms-log/t1-ice-failure.tsv", "T1"],
  ["cms-log", "cms-log/t2-web-bridge.tsv", "T2"],
  ["webrtc-internals", "webrtc-internals/t1-turn-unauthorized.json", "T1"],
  ["webrtc-internals", "webrtc-internals/t3-relay-checks-failed.json", "T3"],
  ["har", "har/websocket-failed.har", "T4"],
  ["har", "har/t1-back-to-start.har", "T1"],
] as const;

describe("evidence analyzer registry", () => {
  it("has one analyzer per kind, each with a title, file hints and a size limit", () => {
    expect(ANALYZERS.map((a) => a.id)).toEqual([...EVIDENCE_KINDS]);
    for (const a of ANALYZERS) {
      expect(a.title).not.toBe("");
      expect(a.accepts.extensions.length).toBeGreaterThan(0);
      expect(a.maxBytes).toBeGreaterThanOrEqual(32 * 1024 * 1024);
      expect(getAnalyzer(a.id)).toBe(a);
    }
    expect(getAnalyzer("nope")).toBeUndefined();
  });

  it.each(CASES)("%s on %s → %s first", (kind, path, scenario) => {
    const result = getAnalyzer(kind)!.analyze(fixture(path));
    expect(result.kind).toBe(kind);
    expect(result.scenarioIds[0]).toBe(scenario);
    const top = result.findings[0]!;
    expect(top.scenarioIds).toContain(scenario);
    expect(top.fix.length).toBeGreaterThan(0);
  });

  it.each([
    ["T1", t1Expressway431],
    ["T3", t3RelayBlocked],
  ])("pcap → %s", (scenario, build) => {
    expect(getAnalyzer("pcap")!.analyze(build()).scenarioIds[0]).toBe(scenario);
  });

  it("refuses files over the limit with a 413-style error before reading them", () => {
    for (const a of ANALYZERS) {
      // allocUnsafe leaves the pages untouched: the check must refuse before reading a byte.
      const big = Buffer.allocUnsafe(a.maxBytes + 1);
      const err = (() => {
        try {
          a.analyze(big);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(EvidenceTooLargeError);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(413);
      expect((err as Error).message).toMatch(/may be at most \d+ MB/);
    }
  });

  it("format errors are 422 AppErrors the route wrapper can show as they are", () => {
    const err = (() => {
      try {
        getAnalyzer("har")!.analyze(Buffer.from("{}"));
      } catch (e) {
        return e;
      }
    })() as EvidenceFormatError;
    expect(err).toBeInstanceOf(EvidenceFormatError);
    expect([err.status, err.code, err.kind]).toEqual([422, "evidence_format", "har"]);
    expect(err.message).toMatch(/^This is not a HAR file: no log\.entries/);
  });

  it("recognises what a dropped file is", () => {
    expect(guessEvidenceKind(fixture("cms-log/t2-syslog.log"))).toBe("cms-log");
    expect(guessEvidenceKind(fixture("webrtc-internals/legacy-connected.json"))).toBe("webrtc-internals");
    expect(guessEvidenceKind(fixture("har/healthy.har"))).toBe("har");
    expect(guessEvidenceKind(t1Expressway431())).toBe("pcap");
    expect(guessEvidenceKind(Buffer.from("hello"))).toBeNull();
  });

  it("every scenario has a title, a symptom and numbered fix steps", () => {
    for (const id of SCENARIO_IDS) {
      expect(SCENARIOS[id].fix.length).toBeGreaterThanOrEqual(3);
      expect(SCENARIOS[id].symptom).not.toBe("");
    }
  });
});

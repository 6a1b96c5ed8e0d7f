import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getAnalyzer } from "@/lib/server/analyzers";
import { buildStunCapture } from "../bench/pcap-analysis-work";
import {
  ANALYSIS_NICE,
  AnalysisBusyError,
  AnalysisPool,
  type AnalysisPoolOptions,
} from "@/lib/server/analyzers/pool/analysis-pool";

// The analysis pool with real worker threads (loading the same entry as under `next start`): results
// equal the in-process analyzers, limits stop a job with a clear error and the worker is
// replaced, and the admission bound answers "busy" instead of queueing without end.

const pools: AnalysisPool[] = [];
function pool(options: Partial<AnalysisPoolOptions> = {}): AnalysisPool {
  const p = new AnalysisPool({ workers: 1, queue: 1, timeLimitMs: 60_000, memoryLimitMb: 512, ...options });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const fixtures = join(import.meta.dirname, "../fixtures/analyzers");
const firstFile = (kind: string) => {
  const name = readdirSync(join(fixtures, kind)).find((f) => !f.endsWith(".ts"))!;
  return readFileSync(join(fixtures, kind, name));
};

/** A webrtc-internals dump of about `mb` MB: many small events, so JSON.parse builds a large heap. */
function bigDump(mb: number): Buffer {
  const event = {
    time: 1690380500100,
    type: "icecandidate",
    value: "sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host",
  };
  const count = Math.ceil((mb * 1024 * 1024) / JSON.stringify(event).length);
  return Buffer.from(
    JSON.stringify({
      PeerConnections: {
        "1-1": { url: "https://join.example.com", updateLog: Array.from({ length: count }, () => event) },
      },
    }),
  );
}

describe("analysis pool", () => {
  it.each(["cms-log", "webrtc-internals", "har"])(
    "a worker gives the same %s analysis as the analyzer in process",
    async (kind) => {
      const input = firstFile(kind);
      const expected = getAnalyzer(kind)!.analyze(Buffer.from(input));
      expect(await pool().run(kind, Buffer.from(input), {})).toEqual(expected);
    },
  );

  it("a worker gives the same pcap analysis, and the event loop keeps ticking meanwhile", async () => {
    const capture = buildStunCapture(40, "pcap");
    const expected = getAnalyzer("pcap")!.analyze(capture);
    const p = pool();
    let last = performance.now();
    let worstGap = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const result = await p.run("pcap", Buffer.from(capture), {});
    const took = performance.now() - started;
    clearInterval(tick);
    expect(result).toEqual(expected);
    // The analysis itself takes far longer than any gap between ticks: it did not block the loop.
    expect(worstGap).toBeLessThan(Math.max(250, took / 3));
  });

  it("analysis threads run at a lower CPU priority than the event loop", async () => {
    const p = pool();
    await p.run("har", firstFile("har"), {});
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the "(comm)" field).
    const niceOf = (tid: string) =>
      Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]);
    const nices = readdirSync("/proc/self/task").map(niceOf);
    expect(nices).toContain(niceOf(String(process.pid)) + ANALYSIS_NICE);
  });

  it("an analyzer's refusal crosses the thread as its own status, code and message", async () => {
    await expect(pool().run("har", Buffer.from("not json at all"), {})).rejects.toMatchObject({
      status: 422,
      code: "evidence_format",
      message: expect.stringMatching(/not a HAR file/),
    });
  });

  it("a job over the time limit gets analysis_time_limit and its worker is replaced", async () => {
    const p = pool({ timeLimitMs: 150 });
    await p.run("har", firstFile("har"), {}); // the worker is up, so the limit times analysis, not start-up
    const before = p.threadIds;
    const capture = buildStunCapture(120, "pcap");
    await expect(p.run("pcap", capture, {})).rejects.toMatchObject({
      status: 422,
      code: "analysis_time_limit",
      message: expect.stringMatching(/longer than 0\.2 s/),
    });
    await expect(p.run("har", firstFile("har"), {})).resolves.toMatchObject({ kind: "har" });
    expect(p.threadIds).toHaveLength(1);
    expect(p.threadIds).not.toEqual(before);
  });

  it("a job over the memory limit gets analysis_memory_limit and its worker is replaced", async () => {
    const p = pool({ memoryLimitMb: 48 });
    await p.run("har", firstFile("har"), {});
    const before = p.threadIds;
    await expect(p.run("webrtc-internals", bigDump(40), {})).rejects.toMatchObject({
      status: 422,
      code: "analysis_memory_limit",
      message: expect.stringMatching(/48 MB/),
    });
    await expect(p.run("har", firstFile("har"), {})).resolves.toMatchObject({ kind: "har" });
    expect(p.threadIds).not.toEqual(before);
  });

  it("admits workers + queue uploads; the next one is refused with a Retry-After until a place frees", () => {
    const p = pool({ workers: 1, queue: 2 });
    const held = [p.reserve(), p.reserve(), p.reserve()];
    let busy: unknown;
    try {
      p.reserve();
    } catch (err) {
      busy = err;
    }
    expect(busy).toBeInstanceOf(AnalysisBusyError);
    expect(busy).toMatchObject({ status: 429, code: "analysis_busy" });
    expect((busy as AnalysisBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    held[0]!();
    held[0]!(); // releasing twice frees one place only
    const again = p.reserve();
    expect(() => p.reserve()).toThrow(AnalysisBusyError);
    again();
    held.slice(1).forEach((r) => r());
    expect(p.admitted).toBe(0);
  });

  it("jobs beyond the workers wait their turn and the time limit counts only their own run", async () => {
    const capture = buildStunCapture(30, "pcap");
    const probe = pool();
    await probe.run("har", firstFile("har"), {});
    // The fastest of three runs: a run slowed by the machine's load would set a limit the three
    // queued jobs never reach, and the test would no longer show what it is for.
    let one = Infinity;
    let started = 0;
    for (let i = 0; i < 3; i++) {
      started = performance.now();
      await probe.run("pcap", Buffer.from(capture), {});
      one = Math.min(one, performance.now() - started);
    }
    // Three jobs on one worker: the third waits ~2 runs and then runs one. Counted from
    // submission it would pass 2.5 runs; counted from its own start it stays well within.
    const p = pool({ workers: 1, queue: 2, timeLimitMs: Math.max(500, Math.round(2.5 * one)) });
    await p.run("har", firstFile("har"), {});
    started = performance.now();
    const results = await Promise.all([0, 1, 2].map(() => p.run("pcap", Buffer.from(capture), {})));
    expect(results.map((r) => r.kind)).toEqual(["pcap", "pcap", "pcap"]);
    expect(performance.now() - started).toBeGreaterThan(p.options.timeLimitMs);
  });
});

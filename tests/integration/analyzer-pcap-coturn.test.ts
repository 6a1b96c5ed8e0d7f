import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pcapAnalyzer } from "@/lib/server/analyzers";
import { probeTurn, type TurnTransport } from "@/lib/server/probes/turn";
import { startCoturn, type Coturn } from "../support/coturn";

// Real captures, not hand-made ones: tcpdump records the TURN probe talking to a real coturn on
// loopback, and the pcap analyzer must find T1 in what it wrote. Missing tcpdump is an error,
// never a skip (CI installs it).

const TCPDUMP = "/usr/bin/tcpdump";

interface Capture {
  file: string;
  stop(): Promise<void>;
}

async function startTcpdump(dir: string, filter: string): Promise<Capture> {
  if (spawnSync(TCPDUMP, ["--version"]).error) {
    throw new Error(`${TCPDUMP} not found. The capture tests need it: apt-get install -y tcpdump`);
  }
  const file = join(dir, `${filter.replace(/\W+/g, "-")}.pcap`);
  // --immediate-mode hands packets over as they arrive (otherwise the kernel holds them in ring
  // blocks that a quick SIGINT discards); -U writes each at once; as root, -Z root keeps tcpdump
  // from switching to a user that cannot write into our private temp directory.
  const args = [
    "-i",
    "lo",
    "-n",
    "--immediate-mode",
    "-U",
    "-w",
    file,
    ...(process.getuid?.() === 0 ? ["-Z", "root"] : []),
    filter,
  ];
  const child: ChildProcess = spawn(TCPDUMP, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tcpdump did not start listening within 10 s: ${stderr}`)), 10_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`tcpdump exited (${code}) before listening: ${stderr}`));
    });
  });
  return {
    file,
    async stop() {
      // Let the last answers reach the capture, then stop it the way Ctrl-C would (flushes the file).
      await new Promise((r) => setTimeout(r, 300));
      child.kill("SIGINT");
      await exited;
    },
  };
}

describe("pcap analyzer on tcpdump captures of the TURN probe against coturn", () => {
  let coturn: Coturn;
  let dir: string;
  beforeAll(async () => {
    coturn = await startCoturn();
    dir = mkdtempSync(join(tmpdir(), "edgescope-capture-"));
  });
  afterAll(async () => {
    await coturn?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const capture = async (transport: TurnTransport, password: string) => {
    const tap = await startTcpdump(dir, `${transport} port ${coturn.port}`);
    try {
      const probe = await probeTurn({
        server: coturn.server,
        transport,
        username: coturn.username,
        password,
        timeoutMs: 5000,
      });
      return { probe, result: await tap.stop().then(() => pcapAnalyzer.analyze(readFileSync(tap.file))) };
    } catch (err) {
      await tap.stop();
      throw err;
    }
  };

  it.each(["udp", "tcp"] as const)(
    "wrong password over %s → T1: Allocate error 401 to the credentialed request",
    async (transport) => {
      const { probe, result } = await capture(transport, "not-the-password");
      expect(probe.outcome).toBe("unauthorized");
      expect(result.scenarioIds).toEqual(["T1"]);
      const f = result.findings[0]!;
      expect(f.id).toBe("pcap.turn-credentials-rejected");
      expect(f.title).toBe("TURN rejected the credentials (401)");
      expect(f.detail).toContain(`user ${coturn.username}, realm ${coturn.realm}`);
      // The request with credentials, then its 401; the first, bare Allocate's 401 is only the challenge.
      expect(f.evidence.map((e) => e.text.replace(/^\S+ /, "").replace(/:\d+ /g, " "))).toEqual([
        `127.0.0.1 → 127.0.0.1 ${transport.toUpperCase()} Allocate request (user ${coturn.username}, realm ${coturn.realm})`,
        expect.stringMatching(
          new RegExp(
            `^127\\.0\\.0\\.1 → 127\\.0\\.0\\.1 ${transport.toUpperCase()} Allocate error response 401 Unauthorized \\(user ${coturn.username}, realm ${coturn.realm}\\) — answer to frame \\d+$`,
          ),
        ),
      ]);
      expect(result.stats.allocateErrors).toEqual({ 401: 2 });
      expect(result.details.messages.map((m) => m.label)).toEqual([
        "Binding request",
        "Binding success response",
        "Allocate request",
        "Allocate error response",
        "Allocate request",
        "Allocate error response",
      ]);
      if (transport === "tcp") expect(result.stats.stunOverTcp).toBe(6);
    },
  );

  it("right password → the allocation succeeds and no scenario is raised", async () => {
    const { probe, result } = await capture("udp", coturn.password);
    expect(probe.outcome).toBe("ok");
    expect(result.scenarioIds).toEqual([]);
    expect(result.stats.allocateSuccesses).toBe(1);
    expect(result.findings.map((f) => f.id)).toEqual(["pcap.allocations"]);
    expect(result.findings[0]!.evidence[0]!.text).toMatch(/Allocate success response relayed 127\.0\.0\.1:\d+$/);
    expect(result.details.flows).toEqual([
      expect.objectContaining({ proto: "udp", server: coturn.server, unanswered: 0 }),
    ]);
  });
});

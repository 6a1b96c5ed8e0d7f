import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import inspector from "node:inspector/promises";
import readline from "node:readline";
import { deploy } from "../../prisma/migrate.mjs";
import { parseEnv } from "@/lib/env";
import { COLLECTORS } from "@/lib/server/collectors";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { createDb } from "@/lib/server/db/client";
import type { ScaleLab } from "@/lib/server/lab/scale-lab";
import { Poller } from "@/lib/server/poller/poller";
import { closeAgents } from "@/lib/server/transport/agent-pool";
import type { BenchRow } from "./bench-types";

const NODES = Number(process.env.EDGESCOPE_BENCH_NODES ?? 500);
const GOAL_FACTOR = 3;

/** The scale lab in a child process: the poller's CPU and RSS are then its own. */
async function startLabProcess(): Promise<{
  lab: Omit<ScaleLab, "stop">;
  cpuMs: () => number | null;
  stop: () => void;
}> {
  const child = spawn(
    path.resolve("node_modules/.bin/tsx"),
    ["--conditions=react-server", "tests/bench/scale-lab-child.ts", String(NODES)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`scale lab exited (${code})`)));
  });
  return {
    lab: JSON.parse(first) as Omit<ScaleLab, "stop">,
    cpuMs: () => cpuMsOf(child.pid!),
    stop: () => void child.kill("SIGTERM"),
  };
}

/**
 * CPU time (user + system) a process has used, from /proc (Linux; null elsewhere). The tsx
 * wrapper runs the lab in a node grandchild, so its children's live time is summed as well.
 */
function cpuMsOf(pid: number): number | null {
  try {
    const ticks = (p: number) =>
      fs
        .readFileSync(`/proc/${p}/stat`, "utf8")
        .split(") ")[1]!
        .split(" ")
        .slice(11, 13)
        .reduce((a, b) => a + Number(b), 0);
    const kids = (p: number): number[] =>
      fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    const all = (p: number): number[] => [p, ...kids(p).flatMap(all)];
    return (all(pid).reduce((a, p) => a + ticks(p), 0) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * Wall time, CPU time and peak RSS while `fn` runs; RSS sampled every 5 ms (the kernel's VmHWM
 * would include seeding). CPU time is the steadier figure on a shared machine: wall time grows
 * with other processes' load, CPU time much less.
 */
async function measured<T>(
  fn: () => Promise<T>,
  labCpuMs: () => number | null,
): Promise<{ value: T; peakRss: number; ms: number; cpuMs: number; labCpuMs: number | null }> {
  let peakRss = process.memoryUsage.rss();
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 5);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const lab = labCpuMs();
  try {
    const value = await fn();
    const { user, system } = process.cpuUsage(cpu);
    const labAfter = labCpuMs();
    return {
      value,
      peakRss: Math.max(peakRss, process.memoryUsage.rss()),
      ms: performance.now() - started,
      cpuMs: (user + system) / 1000,
      labCpuMs: lab === null || labAfter === null ? null : labAfter - lab,
    };
  } finally {
    clearInterval(timer);
  }
}

/** With EDGESCOPE_BENCH_PROFILE=file.cpuprofile, writes CPU profiles of the warm and (file.cold.cpuprofile) cold cycles (open them in Chrome DevTools). */
async function withCpuProfile<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!file) return fn();
  const session = new inspector.Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** P1: one cycle of every source on every node of a 500-node scale lab, default settings. */
export async function benchPollCycle(): Promise<BenchRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgescope-bench-p1-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await deploy(url);
  const db = createDb(url);
  const labProc = await startLabProcess();
  try {
    const { lab } = labProc;
    const box = new SecretBox(crypto.randomBytes(32));
    const passwordEnc = box.seal(lab.password);
    // One deployment per lab topology group (C, E1, E2, CMS), as many customers would have.
    for (let g = 0; g * 4 < lab.nodes.length; g++) {
      const d = await db.deployment.create({
        data: { name: `site-${g}`, joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
      });
      await db.node.createMany({
        data: lab.nodes.slice(g * 4, g * 4 + 4).map((n) => ({
          deploymentId: d.id,
          role: n.role,
          name: n.name,
          baseUrl: n.url,
          username: lab.username,
          passwordEnc,
          caPem: lab.caPem,
          privateAddress: n.privateAddress ?? null,
          publicAddress: n.publicAddress ?? null,
        })),
      });
    }
    const ids = (await db.node.findMany({ select: { id: true } })).map((n) => n.id);
    const poller = new Poller({ db, box, env: parseEnv({ DATABASE_URL: url }), collectors: COLLECTORS });
    const cycle = () => measured(() => poller.pollNow(ids), labProc.cpuMs);
    // First cycle: every pool opens its TLS connections. Second: warm pools, as in steady polling.
    const profile = process.env.EDGESCOPE_BENCH_PROFILE;
    const cold = await withCpuProfile(profile && profile.replace(/(\.cpuprofile)?$/, ".cold.cpuprofile"), cycle);
    const warm = await withCpuProfile(profile, cycle);
    const outcomes = [...warm.value.values()].flat();
    const failed = outcomes.filter((o) => o.outcome !== "ok");
    if (failed.length)
      throw new Error(
        `P1: ${failed.length} of ${outcomes.length} polls failed, e.g. ${failed[0]!.source}: ${failed[0]!.message}`,
      );
    const slowest = Math.max(...lab.nodes.map((n) => n.latencyMs));
    const ratio = warm.ms / slowest;
    const mib = (b: number) => `${Math.round(b / 2 ** 20)} MiB`;
    return {
      id: "P1",
      what: `one poll cycle, ${lab.nodes.length} nodes × every source, 50–150 ms latency (warm pools)`,
      goal: `≤ ${GOAL_FACTOR} × slowest latency (${GOAL_FACTOR * slowest} ms)`,
      measured: `${Math.round(warm.ms)} ms (${ratio.toFixed(1)}×)`,
      met: ratio <= GOAL_FACTOR,
      note: `poller CPU ${Math.round(warm.cpuMs)} ms, lab CPU ${warm.labCpuMs ?? "?"} ms; cold first cycle with TLS handshakes ${Math.round(cold.ms)} ms (poller CPU ${Math.round(cold.cpuMs)} ms); ${outcomes.length} source polls; peak RSS ${mib(Math.max(cold.peakRss, warm.peakRss))}`,
      raw: {
        nodes: lab.nodes.length,
        sourcePolls: outcomes.length,
        slowestLatencyMs: slowest,
        warmMs: Math.round(warm.ms),
        warmCpuMs: Math.round(warm.cpuMs),
        warmLabCpuMs: warm.labCpuMs ?? "?",
        coldMs: Math.round(cold.ms),
        coldCpuMs: Math.round(cold.cpuMs),
        coldLabCpuMs: cold.labCpuMs ?? "?",
        peakRssMiB: Math.round(Math.max(cold.peakRss, warm.peakRss) / 2 ** 20),
      },
    };
  } finally {
    labProc.stop();
    await closeAgents();
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

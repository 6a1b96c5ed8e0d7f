import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchRow } from "./bench-types";
import { benchHistory } from "./history.bench";
import { benchBoard } from "./board.bench";
import { benchIngest } from "./ingest.bench";
import { benchPcap } from "./pcap.bench";
import { benchStorage } from "./storage.bench";
import { benchPollCycle } from "./poll-cycle.bench";
import { benchAnalysisHealth } from "./analysis-health.bench";
import { benchAlertLatency } from "./alert-latency.bench";

// npm run bench [-- P2 P5]: measures the speed goals, prints a table and writes bench-results/latest.json.
// Goals are reported, never asserted: a slow machine gives a figure, not a failing build.

const BENCHES: Record<string, () => Promise<BenchRow>> = {
  P1: benchPollCycle,
  P2: benchIngest,
  P3: benchHistory,
  P4: benchStorage,
  P5: benchPcap,
  P6: benchBoard,
  P7: benchAnalysisHealth,
  P8: benchAlertLatency,
};

const wanted = process.argv.slice(2).filter((a) => a in BENCHES);
const rows: BenchRow[] = [];
for (const id of wanted.length ? wanted : Object.keys(BENCHES)) {
  process.stderr.write(`running ${id}…\n`);
  rows.push(await BENCHES[id]!());
}

const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
};
const pad = (s: string, n: number) => s.padEnd(n);
console.log(
  `\nEdgescope benchmarks — ${new Date().toISOString()} — ${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB, Node ${machine.node}\n`,
);
console.log(`${pad("id", 4)}${pad("what", 82)}${pad("goal", 32)}${pad("measured", 18)}met`);
for (const r of rows)
  console.log(
    `${pad(r.id, 4)}${pad(r.what, 82)}${pad(r.goal, 32)}${pad(r.measured ?? "—", 18)}${r.met === null ? "—" : r.met ? "yes" : "NO"}${r.note ? `  (${r.note})` : ""}`,
  );

const dir = path.resolve("bench-results");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(
  path.join(dir, "latest.json"),
  JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2),
);
console.log(`\nwritten: bench-results/latest.json`);

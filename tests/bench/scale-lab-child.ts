import { startScaleLab } from "@/lib/server/lab/scale-lab";

// Runs the scale lab in its own process for P1, so the poller's CPU and RSS are measured apart
// from the simulator's. Prints one JSON line with the nodes, then serves until killed.
const nodes = Number(process.argv[2] ?? 500);
const lab = await startScaleLab({ nodes, latencyMs: [50, 150] });
process.stdout.write(
  `${JSON.stringify({ nodes: lab.nodes, caPem: lab.caPem, username: lab.username, password: lab.password })}\n`,
);
process.on("SIGTERM", () => void lab.stop().then(() => process.exit(0)));

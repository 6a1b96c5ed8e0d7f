import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface AppServer {
  url: string;
  proc: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the production build (`next start`, as users run it) with its own database. The build
 * must exist: `npm test` runs `next build` first.
 *
 * The port is picked free and then handed to `next start`, so another process starting a server at
 * the same moment can take it in between. When that happens `next start` exits with EADDRINUSE and
 * we try again on a new port; and /api/health is only asked once this process says it is ready, so
 * a server that took our port is never mistaken for ours.
 */
export async function startAppServer(
  env: Record<string, string>,
  pickPort: () => Promise<number> = freePort,
): Promise<AppServer> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("No production build: run `next build` first (npm test does).");
  for (let attempt = 1; ; attempt++) {
    const started = await startOnce(env, await pickPort());
    if (started !== "port-taken") return started;
    if (attempt === 5) throw new Error("next start found its port taken 5 times in a row");
  }
}

async function startOnce(env: Record<string, string>, port: number): Promise<AppServer | "port-taken"> {
  const proc = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_MANUAL_SIG_HANDLE: "1",
      EDGESCOPE_PROBE_INTERVAL_MS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  proc.stdout!.on("data", (d) => (log += d));
  proc.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      if (log.includes("EADDRINUSE")) return "port-taken";
      throw new Error(`next start exited with ${proc.exitCode ?? proc.signalCode}:\n${log}`);
    }
    const ready = log.includes("Ready in");
    const ok =
      ready &&
      (await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      ));
    if (ok) break;
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`next start did not answer /api/health in 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    proc,
    output: () => log,
    stop(signal = "SIGTERM") {
      return new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
        proc.once("exit", (code) => resolve(code));
        proc.kill(signal);
      });
    },
  };
}

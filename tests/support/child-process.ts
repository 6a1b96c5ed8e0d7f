import { spawn, type ChildProcess } from "node:child_process";

// Real peer processes for the tests (coturn, dnsmasq): one spawn-and-wait-until-ready loop and
// one way to stop them, so every peer fails the same loud way when it cannot start.

/** Output kept per peer: enough for a failure message, bounded for chatty query logs. */
const MAX_LOG_CHARS = 200_000;

export interface PeerProcess {
  pid: number;
  /** Everything the peer printed so far (stdout and stderr). */
  log(): string;
  stop(): Promise<void>;
}

export interface PeerReadiness {
  /** Binary name used in messages, e.g. "turnserver". */
  name: string;
  /** What `ready` waits for, e.g. "a Binding on 127.0.0.1:3478". */
  waitingFor: string;
  timeoutMs: number;
  /** Pause between two readiness attempts. */
  pollMs: number;
}

/**
 * Spawns `cmd args` and resolves once `ready()` says it answers. An early exit or no answer in
 * time stops the child and throws with the tail of its output: a peer that cannot start is a
 * failing test, never a skip.
 */
export async function startPeer(
  cmd: string,
  args: string[],
  ready: () => Promise<boolean>,
  o: PeerReadiness,
): Promise<PeerProcess> {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const append = (chunk: Buffer) => {
    if (output.length < MAX_LOG_CHARS) output += chunk.toString("utf8");
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  // A spawn error (ENOENT, EACCES) also ends in "exit"-like state: remember it for the message.
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (err) => {
      spawnError = err;
      resolve();
    });
  });
  const stop = () => stopChild(child, exited);
  try {
    const deadline = Date.now() + o.timeoutMs;
    for (;;) {
      if (spawnError) throw new Error(`${o.name} could not be started: ${spawnError.message}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${o.name} exited early (code ${child.exitCode}, signal ${child.signalCode})`);
      }
      if (await ready()) break;
      if (Date.now() >= deadline) throw new Error(`${o.name} did not answer ${o.waitingFor} within ${o.timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, o.pollMs));
    }
  } catch (err) {
    await stop();
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}\n--- ${o.name} output ---\n${output.slice(-4000)}`,
    );
  }
  return { pid: child.pid ?? -1, log: () => output, stop };
}

/** Stops a peer process: SIGTERM, then SIGKILL if it is still there after 3 s. */
export async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill("SIGTERM");
  const gone = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
  ]);
  if (!gone) {
    child.kill("SIGKILL");
    await exited;
  }
}

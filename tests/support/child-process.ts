import type { ChildProcess } from "node:child_process";

/** Stops a peer process: SIGTERM, then SIGKILL if it is still there after 3 s. */
export async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
  if (!gone) {
    child.kill("SIGKILL");
    await exited;
  }
}

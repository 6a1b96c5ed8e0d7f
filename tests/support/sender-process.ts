import { spawn, type ChildProcess } from "node:child_process";

/** Starts tests/support/alert-sender-child.ts; resolves once it runs. */
export async function startSenderProcess(
  url: string,
  keyHex: string,
  holder: string,
  leaseMs: number,
): Promise<ChildProcess> {
  // node with tsx as a loader, not the tsx CLI: the CLI runs the script in a child of its own,
  // which a SIGKILL of the CLI would leave running.
  const child = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "tests/support/alert-sender-child.ts",
      url,
      keyHex,
      holder,
      String(leaseMs),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`sender child exited early (${code})`)));
    child.stdout!.on("data", (b: Buffer) => b.toString().includes("ready") && resolve());
  });
  child.removeAllListeners("exit");
  return child;
}

export function killHard(child: ChildProcess): Promise<void> {
  child.stdout?.destroy();
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

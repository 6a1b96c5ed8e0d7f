import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";

import { sleep } from "./coturn";

// A TCP port that deterministically times out on loopback, with no firewall rule and no
// unroutable address: a listener in a child process with backlog 1, frozen with SIGSTOP so it
// never accept()s. Once its accept queue is full, Linux drops further SYNs (tcp_abort_on_overflow
// is 0 by default), so a new connect() gets neither SYN-ACK nor RST — exactly what a firewall
// that silently drops looks like.

const HOST = "127.0.0.1";
/** More than any accept queue a backlog of 1 can give; the loop stops at the first that hangs. */
const MAX_FILLERS = 16;
const FILLER_WAIT_MS = 300;

const LISTENER = `
const server = require("node:net").createServer();
server.listen({ port: 0, host: "${HOST}", backlog: 1 }, () => process.stdout.write(String(server.address().port) + "\\n"));
`;

export interface StalledListener {
  port: number;
  target: string;
  stop(): Promise<void>;
}

export async function startStalledListener(): Promise<StalledListener> {
  const child = spawn(process.execPath, ["-e", LISTENER], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(Number(text.trim()));
    });
    child.once("exit", (code) => reject(new Error(`stalled listener exited early (code ${code})`)));
  });
  child.kill("SIGSTOP");
  const fillers: Socket[] = [];
  const stop = async () => {
    for (const s of fillers) s.destroy();
    // SIGKILL works on a stopped process; SIGTERM would wait for a SIGCONT.
    child.kill("SIGKILL");
    await exited;
  };
  try {
    for (let i = 0; i < MAX_FILLERS; i++) {
      const socket = connect({ host: HOST, port });
      socket.on("error", () => undefined);
      fillers.push(socket);
      const connected = await Promise.race([
        new Promise<boolean>((r) => socket.once("connect", () => r(true))),
        sleep(FILLER_WAIT_MS).then(() => false),
      ]);
      if (!connected) return { port, target: `${HOST}:${port}`, stop };
    }
  } catch (err) {
    await stop();
    throw err;
  }
  await stop();
  throw new Error(`accept queue of a backlog-1 listener did not fill after ${MAX_FILLERS} connections`);
}

import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPeer, type PeerProcess } from "./child-process";

// A real coturn on loopback as the TURN peer for integration tests (api-formats §6). Missing
// binary is an error, never a skip: CI must not go green without having talked to a TURN server.

export const TURNSERVER_BIN = "/usr/bin/turnserver";
const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 15_000;

export interface CoturnOptions {
  username?: string;
  password?: string;
  realm?: string;
  /** Extra turnserver flags, e.g. ["--user-quota=1"]. */
  extraArgs?: string[];
  /** Only for testing this helper's own failure path. */
  binary?: string;
}

export interface Coturn {
  host: string;
  port: number;
  /** "127.0.0.1:<port>", as passed to the probe. */
  server: string;
  username: string;
  password: string;
  realm: string;
  pid: number;
  /** Everything turnserver printed so far (log-file=stdout). */
  log(): string;
  stop(): Promise<void>;
}

export async function startCoturn(options: CoturnOptions = {}): Promise<Coturn> {
  const binary = options.binary ?? TURNSERVER_BIN;
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} not found. The TURN probe integration tests need a real coturn: apt-get install -y coturn`,
    );
  }
  const failures: string[] = [];
  // A port found free can be taken before turnserver binds it; retry with another port.
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(binary, options, await freeUdpAndTcpPort());
    } catch (err) {
      failures.push(`attempt ${attempt}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new Error(`coturn did not start:\n${failures.join("\n")}`);
}

async function startOnce(binary: string, options: CoturnOptions, port: number): Promise<Coturn> {
  const username = options.username ?? "cmsturn";
  const password = options.password ?? randomBytes(9).toString("base64url");
  const realm = options.realm ?? "TANDBERG";
  const dir = mkdtempSync(join(tmpdir(), "edgescope-coturn-"));
  const args = [
    "-n",
    `--listening-ip=${HOST}`,
    `--relay-ip=${HOST}`,
    `--listening-port=${port}`,
    "--lt-cred-mech",
    `--user=${username}:${password}`,
    `--realm=${realm}`,
    "--no-tls",
    "--no-dtls",
    "--no-cli",
    "--log-file=stdout",
    "--allow-loopback-peers",
    "--pidfile",
    join(dir, "turnserver.pid"),
    // Keep the SQLite user DB out of /var/lib/turn so parallel runs and non-root CI do not collide.
    `--db=${join(dir, "turndb")}`,
    ...(options.extraArgs ?? []),
  ];
  const ready = async () => (await udpBindingAnswered(port, 250)) && (await tcpAccepts(port));
  let peer: PeerProcess;
  try {
    peer = await startPeer(binary, args, ready, {
      name: "turnserver",
      waitingFor: `a Binding on ${HOST}:${port}`,
      timeoutMs: READY_TIMEOUT_MS,
      pollMs: 100,
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    host: HOST,
    port,
    server: `${HOST}:${port}`,
    username,
    password,
    realm,
    pid: peer.pid,
    log: peer.log,
    async stop() {
      await peer.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Hand-rolled Binding so readiness does not depend on the code under test. */
function udpBindingAnswered(port: number, waitMs: number): Promise<boolean> {
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0);
  request.writeUInt32BE(0x2112a442, 4);
  randomBytes(12).copy(request, 8);
  const socket = createSocket("udp4");
  return new Promise((resolve) => {
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.on("error", () => done(false));
    socket.on("message", (msg) => {
      if (msg.length >= 20 && msg.subarray(8, 20).equals(request.subarray(8, 20))) done(true);
    });
    socket.send(request, port, HOST);
  });
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A port that is free for both TCP and UDP on loopback right now. */
export async function freeUdpAndTcpPort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const server = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, HOST, () => {
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : 0);
      });
    });
    const udp = createSocket("udp4");
    const udpFree = await new Promise<boolean>((resolve) => {
      udp.once("error", () => resolve(false));
      udp.bind(port, HOST, () => resolve(true));
    });
    try {
      udp.close();
    } catch {
      // bind failed, so there is nothing to close
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (udpFree && port > 0) return port;
  }
  throw new Error("no loopback port free for both TCP and UDP");
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

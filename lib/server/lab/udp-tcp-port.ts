import "server-only";
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from "node:dgram";
import type { Server } from "node:net";

// One port number for UDP and TCP, as the real services listen (TURN on 3478, DNS on 53). Shared
// by the lab's TURN servers and DNS responders.

/** Tries before giving up on finding one port number free for both UDP and TCP. */
const PORT_TRIES = 10;

export type UdpHandler = (msg: Buffer, rinfo: RemoteInfo, socket: UdpSocket) => void;

export function bindUdp(host: string, port: number, onMessage: UdpHandler): Promise<UdpSocket> {
  const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  socket.on("message", (msg, rinfo) => {
    // One odd datagram must not take the lab (or the demo) down: it goes unanswered, like a real
    // server's parse error.
    try {
      onMessage(msg, rinfo, socket);
    } catch {
      /* unanswered */
    }
  });
  return new Promise((resolve, reject) => {
    socket.once("error", (err) => {
      socket.close();
      reject(err);
    });
    socket.bind(port, host, () => {
      socket.removeAllListeners("error");
      // A send to a vanished client must not crash the lab.
      socket.on("error", () => undefined);
      resolve(socket);
    });
  });
}

export function listenTcp(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Binds UDP, then TCP on the same number; port 0 retries until one number is free for both. */
export async function bindUdpAndTcp(o: {
  host: string;
  port: number;
  tcp: Server;
  onUdp: UdpHandler;
  label: string;
}): Promise<{ udp: UdpSocket; port: number }> {
  const errors: string[] = [];
  for (let attempt = 0; attempt < (o.port ? 1 : PORT_TRIES); attempt++) {
    const udp = await bindUdp(o.host, o.port, o.onUdp);
    const port = udp.address().port;
    try {
      await listenTcp(o.tcp, o.host, port);
      return { udp, port };
    } catch (err) {
      udp.close();
      errors.push((err as Error).message);
    }
  }
  throw new Error(`${o.label}: no port free for UDP and TCP (${errors.join("; ")})`);
}

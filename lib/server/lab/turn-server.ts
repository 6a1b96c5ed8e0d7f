import "server-only";
import type { Socket as UdpSocket } from "node:dgram";
import { createServer, type Server, type Socket } from "node:net";
import { StunStreamFramer } from "@/lib/server/probes/turn/tcp-framing";
import type { FaultName } from "./faults";
import type { LabState } from "./lab-state";
import type { LabNodeSpec } from "./topology";
import { TurnResponder, type TurnClient } from "./turn-responder";
import { bindUdpAndTcp, listenTcp, type UdpHandler } from "./udp-tcp-port";

// One lab Expressway-E's TURN port: UDP and TCP on the same loopback port number, as Expressway
// listens on 3478 for both (R6, C5 tcpPortNumberOverride). The lab's faults decide whether it
// answers and with which password it checks credentials.

export interface LabTurnCredentials {
  username: string;
  password: string;
  realm: string;
}

export interface LabTurnServerOptions extends LabTurnCredentials {
  spec: LabNodeSpec;
  state: LabState;
  host: string;
  /** 0 picks a port free for both UDP and TCP. */
  port: number;
  software: string;
}

export class LabTurnServer {
  private udp: UdpSocket | undefined;
  private readonly tcp: Server;
  private tcpListening = false;
  private readonly connections = new Set<Socket>();
  readonly responder: TurnResponder;
  port = 0;

  constructor(private readonly o: LabTurnServerOptions) {
    const has = (f: FaultName) => o.state.has(f, o.spec.key);
    this.responder = new TurnResponder({
      realm: o.realm,
      username: o.username,
      relayAddress: o.spec.publicAddress ?? "203.0.113.1",
      software: o.software,
      now: () => o.state.now().getTime(),
      // C3 ≠ C5: Expressway-E's local database holds another password than CMS's turnServer.
      policy: () => ({
        password: has("turn-wrong-credentials") ? `${o.password}-changed-on-expressway` : o.password,
        quotaReached: has("turn-quota"),
      }),
    });
    this.tcp = createServer((socket) => this.serveTcp(socket));
  }

  /** "host:port" as the TURN probe takes it. */
  get server(): string {
    return `${this.o.host}:${this.port}`;
  }

  /** Silent: TURN services off (R4) or the port dropped on the way (R6, T3). */
  private silent(): boolean {
    return this.o.state.has("turn-down", this.o.spec.key) || this.o.state.has("turn-inactive", this.o.spec.key);
  }

  async start(): Promise<void> {
    const { udp, port } = await bindUdpAndTcp({
      host: this.o.host,
      port: this.o.port,
      tcp: this.tcp,
      onUdp: this.serveUdp,
      label: `lab TURN server for ${this.o.spec.key}`,
    });
    this.udp = udp;
    this.port = port;
    this.tcpListening = true;
    await this.applyFaults();
  }

  /** UDP stays bound while silent (requests vanish, as behind a dropping firewall); TCP is refused. */
  async applyFaults(): Promise<void> {
    if (!this.silent()) return this.listenTcp();
    for (const c of this.connections) c.destroy();
    if (!this.tcpListening) return;
    this.tcpListening = false;
    await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.destroy();
    if (this.tcpListening) await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
    this.tcpListening = false;
    this.udp?.close();
    this.udp = undefined;
  }

  private readonly serveUdp: UdpHandler = (msg, rinfo, socket) => {
    if (this.silent()) return;
    const reply = this.responder.answer(msg, { transport: "udp", address: rinfo.address, port: rinfo.port });
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
  };

  private async listenTcp(): Promise<void> {
    if (this.tcpListening) return;
    await listenTcp(this.tcp, this.o.host, this.port);
    this.tcpListening = true;
  }

  /** TURN over TCP (RFC 8656 §3.1): STUN messages back to back on the stream, framed by length. */
  private serveTcp(socket: Socket): void {
    const client: TurnClient = { transport: "tcp", address: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 };
    const framer = new StunStreamFramer();
    this.connections.add(socket);
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      try {
        const { frames, error } = framer.push(chunk);
        for (const frame of frames) {
          const reply = frame.kind === "stun" ? this.responder.answer(frame.data, client) : null;
          if (reply) socket.write(reply);
        }
        if (error) socket.destroy(); // framing lost: nothing after it can be trusted
      } catch {
        socket.destroy(); // a message the lab cannot handle closes this connection, never the lab
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.connections.delete(socket);
      this.responder.release(client);
    });
  }
}

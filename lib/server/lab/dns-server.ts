import "server-only";
import type { Socket as UdpSocket } from "node:dgram";
import { createServer, type Server, type Socket } from "node:net";
import * as dnsPacket from "dns-packet";
import { answerDnsQuery, labDnsRecords, truncated, udpLimit, type DnsView } from "./dns-zones";
import type { LabState } from "./lab-state";
import { bindUdpAndTcp, type UdpHandler } from "./udp-tcp-port";

// One of the lab's two DNS resolvers (inside for the Call Bridge, outside for browsers), on
// loopback over UDP and TCP on one port as DNS on port 53 is. The lab's DNS faults are read at
// every query, so switching one needs no restart and nothing to apply.

export interface LabDnsServerOptions {
  view: DnsView;
  state: LabState;
  host: string;
  /** 0 picks a port free for both UDP and TCP. */
  port: number;
}

/** Largest DNS message over TCP: its length prefix is 16 bits (RFC 1035 §4.2.2). */
const MAX_TCP_MESSAGE = 65_535;

export class LabDnsServer {
  private udp: UdpSocket | undefined;
  private readonly tcp: Server;
  private readonly connections = new Set<Socket>();
  port = 0;

  constructor(private readonly o: LabDnsServerOptions) {
    this.tcp = createServer((socket) => this.serveTcp(socket));
  }

  /** "host:port", as the deployment's inside/outside resolver setting and the DNS probe take it. */
  get resolver(): string {
    return `${this.o.host}:${this.port}`;
  }

  async start(): Promise<void> {
    const { udp, port } = await bindUdpAndTcp({
      host: this.o.host,
      port: this.o.port,
      tcp: this.tcp,
      onUdp: this.serveUdp,
      label: `lab ${this.o.view} DNS resolver`,
    });
    this.udp = udp;
    this.port = port;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.destroy();
    await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
    this.udp?.close();
    this.udp = undefined;
  }

  /** The encoded answer, or null for anything that is not a well-formed query (dropped, as resolvers drop garbage). */
  private answer(msg: Buffer, udp: boolean): Buffer | null {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return null;
    }
    const reply = answerDnsQuery(
      query,
      labDnsRecords(this.o.view, (f) => this.o.state.isOn(f)),
    );
    if (!reply) return null;
    const bytes = dnsPacket.encode(reply);
    return udp && bytes.length > udpLimit(query) ? dnsPacket.encode(truncated(reply)) : bytes;
  }

  private readonly serveUdp: UdpHandler = (msg, rinfo, socket) => {
    const reply = this.answer(msg, true);
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
  };

  /** DNS over TCP: each message behind a two-byte length (RFC 1035 §4.2.2, RFC 7766). */
  private serveTcp(socket: Socket): void {
    this.connections.add(socket);
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      try {
        while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
          const msg = pending.subarray(2, 2 + pending.readUInt16BE(0));
          pending = pending.subarray(2 + msg.length);
          const reply = this.answer(msg, false);
          if (!reply || reply.length > MAX_TCP_MESSAGE) return void socket.destroy(); // framing or content lost: close
          const length = Buffer.alloc(2);
          length.writeUInt16BE(reply.length);
          socket.write(Buffer.concat([length, reply]));
        }
      } catch {
        socket.destroy(); // a message the lab cannot handle closes this connection, never the lab
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => this.connections.delete(socket));
  }
}

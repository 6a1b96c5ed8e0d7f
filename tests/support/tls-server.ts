import { createServer as createTcpServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import { createSecureContext, createServer, type TLSSocket } from "node:tls";

import type { IssuedCert } from "@/lib/server/lab/certificates";

// Real TLS peers on loopback for the TLS probe: a node:tls server presenting a certificate from
// the lab CA (lib/server/lab/certificates.ts), and two ways a port can fail to speak TLS.

const HOST = "127.0.0.1";

export interface TlsServer {
  port: number;
  /** "127.0.0.1:<port>", as passed to the probe. */
  target: string;
  /** SNI names clients sent, in order; a hello without SNI adds nothing (compare with handshakes). */
  servernames: string[];
  /** TCP connections accepted so far. */
  connections(): number;
  stop(): Promise<void>;
}

export interface TlsServerOptions {
  cert: IssuedCert;
  /** Extra PEM certificates sent after the leaf (e.g. the CA), as a server's chain file would. */
  chainPems?: string[];
  /** OpenSSL cipher string; "DEFAULT@SECLEVEL=0" lets a server load an RSA-1024 or SHA-1 certificate. */
  ciphers?: string;
  /** Refuse clients without a certificate, like a CMS Web Bridge's C2W listener (mutual TLS). */
  requireClientCert?: boolean;
  maxVersion?: "TLSv1.2" | "TLSv1.3";
}

export async function startTlsServer(options: TlsServerOptions): Promise<TlsServer> {
  const servernames: string[] = [];
  let connections = 0;
  const identity = {
    cert: [options.cert.certPem, ...(options.chainPems ?? [])].join("\n"),
    key: options.cert.keyPem,
    ...(options.ciphers ? { ciphers: options.ciphers } : {}),
  };
  const context = createSecureContext(identity);
  const server = createServer(
    {
      ...identity,
      ...(options.requireClientCert ? { requestCert: true, rejectUnauthorized: true } : {}),
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
      // Called while reading the ClientHello, so the name is recorded before the client can
      // finish its handshake and hang up (a server's secureConnection may never fire then).
      SNICallback: (name, callback) => {
        servernames.push(name);
        callback(null, context);
      },
    },
    (socket: TLSSocket) => {
      socket.on("error", () => undefined);
      socket.end("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
    },
  );
  server.on("connection", () => connections++);
  server.on("tlsClientError", () => undefined);
  const port = await listen(server);
  return { port, target: `${HOST}:${port}`, servernames, connections: () => connections, stop: () => close(server) };
}

/** Accepts TCP and then says nothing: a TLS handshake against it can only time out. */
export async function startSilentTcpServer(): Promise<{ port: number; target: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await listen(server);
  const stop = () => {
    for (const s of sockets) s.destroy();
    return close(server);
  };
  return { port, target: `${HOST}:${port}`, stop };
}

/** Answers every connection in plain HTTP, like a web admin port without TLS: the handshake fails. */
export async function startPlainHttpServer(): Promise<{ port: number; target: string; stop(): Promise<void> }> {
  const server = createTcpServer((socket) => {
    socket.on("error", () => undefined);
    socket.once("data", () => socket.end("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"));
  });
  const port = await listen(server);
  return { port, target: `${HOST}:${port}`, stop: () => close(server) };
}

function listen(server: NetServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: NetServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

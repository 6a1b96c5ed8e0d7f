import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { existsSync } from "node:fs";

import { freeUdpAndTcpPort } from "./coturn";
import { startPeer } from "./child-process";

// A real dnsmasq on loopback as the resolver peer for the DNS probe tests. Like coturn, a
// missing binary is an error, never a skip.
//
// Measured dnsmasq 2.90 behaviour the tests rely on:
// - without --local for a domain and without upstream servers, unknown names get REFUSED, not
//   NXDOMAIN; `localDomains` makes it answer NXDOMAIN/NODATA like an authoritative zone;
// - a --host-record with only an IPv4 address answers AAAA with NOERROR and no data (NODATA),
//   while --address=/name/ipv4 answers the AAAA with NXDOMAIN, so hosts use --host-record;
// - --pid-file is not written with --no-daemon, so we stop it by the spawned child's pid.

export const DNSMASQ_BIN = "/usr/sbin/dnsmasq";
const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 10_000;
/** Root KSK-2017 (IANA), so a validating dnsmasq has a real trust anchor to fail against. */
const ROOT_TRUST_ANCHOR = ".,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";

export interface SrvRecord {
  /** Owner name, e.g. "_xmpp-client._tcp.example.com" (T3/T4). */
  name: string;
  target: string;
  port: number;
  priority?: number;
  weight?: number;
}

export interface DnsmasqOptions {
  /** name → IPv4 and/or IPv6 addresses (--host-record). */
  hosts?: Record<string, string[]>;
  srv?: SrvRecord[];
  /** Domains answered only from local data: unknown names there are NXDOMAIN instead of REFUSED. */
  localDomains?: string[];
  /** "127.0.0.1:port" to forward everything else to. */
  upstream?: string;
  /** Validate DNSSEC against the real root anchor; with an unsigned upstream every answer is SERVFAIL. */
  dnssec?: boolean;
  /** TTL of local answers; dnsmasq's default is 0. */
  localTtl?: number;
  extraArgs?: string[];
  /** Only for testing this helper's own failure path. */
  binary?: string;
}

export interface Dnsmasq {
  port: number;
  /** "127.0.0.1:<port>", as passed to the probe. */
  resolver: string;
  pid: number;
  /** Everything dnsmasq logged so far (queries included). */
  log(): string;
  stop(): Promise<void>;
}

export function dnsmasqArgs(port: number, o: DnsmasqOptions): string[] {
  return [
    "--no-daemon",
    "--log-facility=-",
    "--log-queries",
    "--no-resolv",
    "--no-hosts",
    "--conf-file=/dev/null",
    `--port=${port}`,
    `--listen-address=${HOST}`,
    "--bind-interfaces",
    `--local-ttl=${o.localTtl ?? 60}`,
    ...(o.localDomains ?? []).map((d) => `--local=/${d}/`),
    ...Object.entries(o.hosts ?? {}).map(([name, addresses]) => `--host-record=${[name, ...addresses].join(",")}`),
    ...(o.srv ?? []).map((s) => `--srv-host=${s.name},${s.target},${s.port},${s.priority ?? 0},${s.weight ?? 0}`),
    ...(o.upstream ? [`--server=${o.upstream.replace(/:(\d+)$/, "#$1")}`] : []),
    ...(o.dnssec ? ["--dnssec", `--trust-anchor=${ROOT_TRUST_ANCHOR}`] : []),
    ...(o.extraArgs ?? []),
  ];
}

export async function startDnsmasq(options: DnsmasqOptions = {}): Promise<Dnsmasq> {
  const binary = options.binary ?? DNSMASQ_BIN;
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} not found. The DNS probe integration tests need a real dnsmasq: apt-get install -y dnsmasq-base`,
    );
  }
  const failures: string[] = [];
  // A port found free can be taken before dnsmasq binds it; retry with another port.
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(binary, options, await freeUdpAndTcpPort());
    } catch (err) {
      failures.push(`attempt ${attempt}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new Error(`dnsmasq did not start:\n${failures.join("\n")}`);
}

async function startOnce(binary: string, options: DnsmasqOptions, port: number): Promise<Dnsmasq> {
  const peer = await startPeer(binary, dnsmasqArgs(port, options), () => answersQuery(port, 250), {
    name: "dnsmasq",
    waitingFor: `a query on ${HOST}:${port}`,
    timeoutMs: READY_TIMEOUT_MS,
    pollMs: 50,
  });
  return { port, resolver: `${HOST}:${port}`, pid: peer.pid, log: peer.log, stop: peer.stop };
}

/** Hand-rolled query (". NS") so readiness does not depend on node:dns, the code under test. */
export function answersQuery(port: number, waitMs: number): Promise<boolean> {
  const id = randomBytes(2);
  // Header: id, flags RD, QDCOUNT 1; question: root name (0), QTYPE NS (2), QCLASS IN (1).
  const query = Buffer.concat([id, Buffer.from([0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1])]);
  const socket = createSocket("udp4");
  return new Promise((resolve) => {
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.on("error", () => done(false));
    // Any answer with our id and the QR bit counts, whatever its rcode.
    socket.on("message", (msg) => {
      if (msg.length >= 12 && msg.subarray(0, 2).equals(id) && (msg[2]! & 0x80) !== 0) done(true);
    });
    socket.send(query, port, HOST);
  });
}

/** A bound UDP socket that never answers: a resolver that is down behind a firewall (timeout). */
export async function startSilentResolver(): Promise<{ resolver: string; received: () => number; stop: () => void }> {
  const socket = createSocket("udp4");
  let received = 0;
  socket.on("message", () => received++);
  await new Promise<void>((resolve) => socket.bind(0, HOST, () => resolve()));
  return { resolver: `${HOST}:${socket.address().port}`, received: () => received, stop: () => socket.close() };
}

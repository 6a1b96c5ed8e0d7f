import "server-only";

import type { z } from "zod";

import type { HostPort } from "./host-port";
import { dnsProbeInput, probeDns } from "./dns";
import { portProbeInput, probePort } from "./port";
import { probeTls, tlsProbeInput } from "./tls";
import { runTurnProbe, turnProbeInput } from "./turn-probe";

// Every on-demand probe, listed once. Capabilities are data here (id, domainIds, input schema),
// so `POST /api/probes/{id}` is one generic handler: parse with `input`, then `run`.

export interface Probe<I extends z.ZodType, R> {
  id: string;
  title: string;
  /** Domain brief items this probe gives evidence for. */
  domainIds: readonly string[];
  /** Validates and normalises the request body; messages are meant for a person. */
  input: I;
  /** The one host and port the probe sends packets to (checked against the allowed targets). */
  target(input: z.output<I>): HostPort;
  /** Never throws for anything the network or the peer does: failures are outcomes. */
  run(input: z.output<I>): Promise<R>;
}

const defineProbe = <I extends z.ZodType, R>(p: Probe<I, R>): Probe<I, R> => p;

export const probes = {
  dns: defineProbe({
    id: "dns",
    title: "DNS lookup against a chosen resolver",
    // Outside (R8) and inside (R9, T2) answers for the Join URL; the _xmpp-client SRV (T3, T4).
    domainIds: ["R8", "R9", "T2", "T3", "T4"],
    input: dnsProbeInput,
    target: (input) => input.resolver,
    run: (input) => probeDns(input),
  }),
  tls: defineProbe({
    id: "tls",
    title: "TLS certificate of Expressway-E",
    domainIds: ["C2", "R5"],
    input: tlsProbeInput,
    target: (input) => input.target,
    run: (input) => probeTls(input),
  }),
  port: defineProbe({
    id: "port",
    title: "TCP or UDP port reachability",
    domainIds: ["R5", "R6", "R7", "R11"],
    input: portProbeInput,
    target: (input) => input.target,
    run: (input) => probePort(input),
  }),
  turn: defineProbe({
    id: "turn",
    title: "TURN Allocate with the turnServer credentials",
    domainIds: ["T1", "C3", "C5", "R6", "R7"],
    input: turnProbeInput,
    target: (input) => input.server,
    run: (input) => runTurnProbe(input),
  }),
} as const;

export type ProbeId = keyof typeof probes;
/** The answer of one probe, e.g. ProbeResult<"dns"> is DnsProbeResult. */
export type ProbeResult<Id extends ProbeId> = Awaited<ReturnType<(typeof probes)[Id]["run"]>>;
export const PROBE_IDS = Object.keys(probes) as ProbeId[];

export function isProbeId(id: string): id is ProbeId {
  return Object.hasOwn(probes, id);
}

/** Parses `body` with the probe's schema (throws ZodError → 400 in the route wrapper), then runs it. */
export async function runProbe<Id extends ProbeId>(id: Id, body: unknown): Promise<ProbeResult<Id>> {
  const probe: Probe<z.ZodType, unknown> = probes[id];
  return (await probe.run(probe.input.parse(body))) as ProbeResult<Id>;
}

export { probeDns, type DnsProbeInput, type DnsProbeResult } from "./dns";
export { probeTls, type TlsProbeInput, type TlsProbeResult } from "./tls";
export { probePort, type PortProbeInput, type PortProbeResult } from "./port";
export { runTurnProbe, type TurnProbeInput } from "./turn-probe";
export { parseHostPort, formatHostPort, type HostPort } from "./host-port";

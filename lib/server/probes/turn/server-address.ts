import "server-only";

import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

/** Expressway TURN listens on 3478 unless configured otherwise (R6, C5 `tcpPortNumberOverride`). */
export const DEFAULT_TURN_PORT = 3478;

export interface ServerTarget {
  host: string;
  ip: string;
  port: number;
  family: 4 | 6;
}

export type ResolveResult =
  | { ok: true; target: ServerTarget }
  | { ok: false; outcome: "unreachable" | "timeout" | "error"; reason: string };

/** Accepts "host", "host:port", "192.0.2.1:3478", "[2001:db8::1]:3478" and a bare IPv6 literal. */
export function parseServer(server: string): { host: string; port: number } | undefined {
  const text = server.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:\s]+)(?::(\d+))?$/.exec(text);
  const match = bracketed ?? plain;
  if (!match?.[1]) return isIP(text) === 6 ? { host: text, port: DEFAULT_TURN_PORT } : undefined;
  const port = match[2] === undefined ? DEFAULT_TURN_PORT : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host: match[1], port };
}

export async function resolveServer(server: string, deadline: number): Promise<ResolveResult> {
  const parsed = parseServer(server);
  if (!parsed)
    return { ok: false, outcome: "error", reason: `cannot parse server address "${server}" (want host:port)` };
  const literal = isIP(parsed.host);
  if (literal) return { ok: true, target: { ...parsed, ip: parsed.host, family: literal === 6 ? 6 : 4 } };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - performance.now()));
  });
  try {
    const answer = await Promise.race([lookup(parsed.host), timeout]);
    if (answer === "timeout")
      return { ok: false, outcome: "timeout", reason: `DNS lookup of ${parsed.host} timed out` };
    return { ok: true, target: { ...parsed, ip: answer.address, family: answer.family === 6 ? 6 : 4 } };
  } catch (err) {
    // An unresolvable TURN name is, from the dashboard's point of view, a server nobody can reach.
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    return { ok: false, outcome: "unreachable", reason: `DNS lookup of ${parsed.host} failed (${code})` };
  } finally {
    clearTimeout(timer);
  }
}

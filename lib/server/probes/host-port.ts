import "server-only";

import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";

// The one place a probe target is parsed. Probes only ever contact the host:port the user gave
// (they never follow SRV targets, redirects or CNAMEs on their own), so this is the whole
// attack surface of "where will the server send packets".

export interface HostPort {
  /** IP literal (IPv6 without brackets) or a host name, lower-cased. */
  host: string;
  port: number;
  /** 4 or 6 for an IP literal, null for a host name that still needs resolving. */
  family: 4 | 6 | null;
}

export interface HostPortOptions {
  /** Used when the text has no port; without it a missing port is an error. */
  defaultPort?: number;
  /** Refuse host names: node:dns `setServers` only takes IP addresses. */
  ipOnly?: boolean;
  /** Shown in messages, e.g. "192.0.2.53:53". */
  example?: string;
}

export type HostPortParse = { ok: true; value: HostPort } | { ok: false; message: string };

const MAX_HOSTNAME_LENGTH = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Like LABEL but allows the leading underscore of SRV owner names (`_xmpp-client._tcp`, T3/T4). */
const SERVICE_LABEL = /^_?[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;

/** A DNS host name (RFC 1123 labels, optional trailing dot), or a message saying what is wrong. */
export function checkHostname(text: string, { allowUnderscore = false } = {}): string | undefined {
  const name = text.endsWith(".") ? text.slice(0, -1) : text;
  const what = `"${text}" is not a valid host name (letters, digits and hyphens, dot-separated)`;
  if (!name || name.length > MAX_HOSTNAME_LENGTH) return what;
  const labels = name.toLowerCase().split(".");
  // All-numeric labels are someone's attempt at an IPv4 address, so say that instead.
  if (labels.every((l) => /^\d+$/.test(l))) return `"${text}" is not a valid IPv4 address`;
  const pattern = allowUnderscore ? SERVICE_LABEL : LABEL;
  return labels.every((l) => pattern.test(l)) ? undefined : what;
}

/** A host name or IP literal (no port), e.g. a TLS servername. */
export function checkHost(text: string): string | undefined {
  return isIPv4(text) || isIPv6(text) ? undefined : checkHostname(text);
}

function checkPort(text: string): number | string {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  return port >= 1 && port <= 65535 ? port : `port "${text}" must be a whole number from 1 to 65535`;
}

/** Parses "host:port", "192.0.2.1:53", "[2001:db8::1]:443"; pure, so it is table-tested. */
export function parseHostPort(input: string, options: HostPortOptions = {}): HostPortParse {
  const example = options.example ?? (options.ipOnly ? "192.0.2.53:53" : "203.0.113.5:443");
  const fail = (message: string): HostPortParse => ({ ok: false, message });
  const text = input.trim();
  if (!text) return fail(`is empty: give host:port, e.g. ${example}`);
  if (text.includes("://") || text.includes("/"))
    return fail(`"${text}" must be host:port only, without a scheme or path (e.g. ${example})`);
  if (/\s/.test(text)) return fail(`"${text}" must not contain spaces`);

  let host: string;
  let portText: string | undefined;
  if (text.startsWith("[")) {
    const m = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
    if (!m) return fail(`"${text}" is not a bracketed IPv6 address with port, e.g. [2001:db8::1]:443`);
    host = m[1] ?? "";
    portText = m[2];
    if (!isIPv6(host)) return fail(`"${host}" is not a valid IPv6 address`);
  } else {
    const colons = text.split(":").length - 1;
    if (colons > 1) {
      const withoutPort = text.slice(0, text.lastIndexOf(":"));
      const v6 = isIPv6(text) ? text : isIPv6(withoutPort) ? withoutPort : undefined;
      return fail(v6 ? `IPv6 addresses need brackets: [${v6}]:<port>` : `"${text}" is not host:port`);
    }
    [host = "", portText] = text.split(":");
    const hostProblem = isIPv4(host) ? undefined : checkHostname(host);
    if (hostProblem) return fail(hostProblem);
  }

  const family = isIPv4(host) ? 4 : isIPv6(host) ? 6 : null;
  if (options.ipOnly && family === null)
    return fail(`"${host}" must be an IP address, not a host name (e.g. ${example})`);
  let port: number;
  if (portText === undefined) {
    if (options.defaultPort === undefined) return fail(`"${text}" needs a port: host:port, e.g. ${example}`);
    port = options.defaultPort;
  } else {
    const checked = checkPort(portText);
    if (typeof checked === "string") return fail(checked);
    port = checked;
  }
  return { ok: true, value: { host: host.toLowerCase(), port, family } };
}

/** Back to text: IPv6 in brackets, as node:dns setServers and the TURN client expect. */
export function formatHostPort({ host, port }: Pick<HostPort, "host" | "port">): string {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** zod schema: string → HostPort, with the messages of parseHostPort. */
export function hostPortSchema(options: HostPortOptions = {}) {
  return z.string({ error: "must be a string host:port" }).transform((text, ctx): HostPort => {
    const parsed = parseHostPort(text, options);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });
}

/** Overall budget of one probe run; the cap keeps a request from holding a server slot for long. */
export const MAX_PROBE_TIMEOUT_MS = 30_000;
/** Below this a loopback answer is already racing the timer. */
export const MIN_PROBE_TIMEOUT_MS = 100;

export function timeoutSchema(defaultMs: number) {
  return z
    .number({ error: "timeoutMs must be a number of milliseconds" })
    .int("timeoutMs must be a whole number of milliseconds")
    .min(MIN_PROBE_TIMEOUT_MS, `timeoutMs must be at least ${MIN_PROBE_TIMEOUT_MS}`)
    .max(MAX_PROBE_TIMEOUT_MS, `timeoutMs must be at most ${MAX_PROBE_TIMEOUT_MS}`)
    .default(defaultMs);
}

import "server-only";

import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { checkServerIdentity, connect, type DetailedPeerCertificate, type TLSSocket } from "node:tls";
import { z } from "zod";

import { checkHost, formatHostPort, hostPortSchema, timeoutSchema } from "./host-port";
import { certificateFacts, type CertificateFacts } from "./tls-certificate";

// Connects to Expressway-E's HTTPS port (R5) the way a browser does: sends the Join URL as SNI,
// then reports the certificate it got, whether a given CA (or the system CAs) trusts it, and
// whether it covers the Join URL (C2). It never rejects, so a bad certificate is still shown.

export type { CertificateFacts, ChainEntry } from "./tls-certificate";

/** Largest CA bundle accepted; a few dozen PEM certificates fit well within it. */
const MAX_CA_PEM_CHARS = 128 * 1024;
// Base64 between the markers, not [\s\S]+?: that rescans to the end from every unclosed BEGIN.
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

const caPemSchema = z
  .string({ error: "caPem must be PEM text" })
  // abort: no point parsing certificates out of an oversized body.
  .max(MAX_CA_PEM_CHARS, { message: `caPem must be at most ${MAX_CA_PEM_CHARS / 1024} KB`, abort: true })
  .superRefine((pem, ctx) => {
    const blocks = pem.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0)
      return void ctx.addIssue({ code: "custom", message: "caPem holds no -----BEGIN CERTIFICATE----- block" });
    blocks.forEach((block, i) => {
      if (!isCertificate(block))
        ctx.addIssue({ code: "custom", message: `caPem certificate #${i + 1} is not a valid X.509 certificate` });
    });
  });

/**
 * PEM blocks seen to parse: the checks validate every Expressway-E's CA on each board answer
 * (every 10 s per wall screen) and X.509 parsing was a fifth of its CPU. Bounded: a few CAs per node.
 */
const parsedBlocks = new Set<string>();
const MAX_PARSED_BLOCKS = 1024;

function isCertificate(block: string): boolean {
  if (parsedBlocks.has(block)) return true;
  try {
    new X509Certificate(block);
  } catch {
    return false;
  }
  if (parsedBlocks.size >= MAX_PARSED_BLOCKS) parsedBlocks.clear();
  parsedBlocks.add(block);
  return true;
}

export const tlsProbeInput = z.object({
  target: hostPortSchema({ defaultPort: 443, example: "vcs-e1.example.com:443" }),
  // The Join URL (C2). An IP literal is checked against IP SANs but not sent as SNI (RFC 6066).
  servername: z
    .string({ error: "servername must be the host name to check, e.g. webbridge.example.com" })
    .trim()
    .superRefine((name, ctx) => {
      const problem = checkHost(name);
      if (problem) ctx.addIssue({ code: "custom", message: `servername: ${problem}` });
    }),
  caPem: caPemSchema.optional(),
  timeoutMs: timeoutSchema(5000),
});

export type TlsProbeInput = z.output<typeof tlsProbeInput>;

/**
 * refused: TCP refused · unreachable: no route or name · timeout: no completed handshake in
 * time · handshake-failed: the peer spoke, but not TLS we could agree on · error: anything else.
 */
export type TlsFailureOutcome = "refused" | "unreachable" | "timeout" | "handshake-failed" | "error";

interface TlsBase {
  target: string;
  servername: string;
  /** TCP connect plus handshake; null when no handshake completed. */
  rttMs: number | null;
  detail: string;
}

export interface TlsProbeSuccess extends TlsBase, CertificateFacts {
  outcome: "ok";
  /** Chain verified against caPem, or the system CAs when no caPem was given. */
  trusted: boolean;
  /** OpenSSL's reason when not trusted, e.g. "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "CERT_HAS_EXPIRED". */
  authorizationError?: string;
  /** C2: the servername is covered by the certificate (SAN, or CN when there are no SANs). */
  matchesServername: boolean;
  servernameError?: string;
  protocol: string | null;
  /** What the probe compared against: the given CA or node's bundled/system roots. */
  trustStore: "caPem" | "system";
}

export interface TlsProbeFailure extends TlsBase {
  outcome: TlsFailureOutcome;
  errorCode?: string;
}

export type TlsProbeResult = TlsProbeSuccess | TlsProbeFailure;

export interface TlsProbeOptions {
  /** Injectable clock for daysToExpiry. */
  now?: () => number;
}

const UNREACHABLE = new Set(["EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EADDRNOTAVAIL"]);

/** Socket error code → outcome; before secureConnect, a reset or an OpenSSL error means the handshake failed. */
export function tlsFailureOutcome(code: string | undefined): TlsFailureOutcome {
  if (code === "ECONNREFUSED") return "refused";
  if (code && UNREACHABLE.has(code)) return "unreachable";
  if (code === "ETIMEDOUT") return "timeout";
  if (code === "ECONNRESET" || code?.startsWith("ERR_SSL") || code === "EPROTO") return "handshake-failed";
  return "error";
}

export function probeTls(input: TlsProbeInput, options: TlsProbeOptions = {}): Promise<TlsProbeResult> {
  const target = formatHostPort(input.target);
  const base = { target, servername: input.servername };
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const socket: TLSSocket = connect({
      host: input.target.host,
      port: input.target.port,
      ...(isIP(input.servername) ? {} : { servername: input.servername }),
      // We report trust instead of enforcing it: an untrusted certificate is the finding.
      rejectUnauthorized: false,
      // node folds a hostname mismatch into `authorized` (ERR_TLS_CERT_ALTNAME_INVALID); we want
      // chain trust and C2's name match as two separate facts, so the name is checked below.
      checkServerIdentity: () => undefined,
      ...(input.caPem ? { ca: input.caPem } : {}),
    });
    const finish = (result: TlsProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          ...base,
          outcome: "timeout",
          rttMs: null,
          detail: `no TLS handshake with ${target} within ${input.timeoutMs} ms`,
        }),
      input.timeoutMs,
    );
    socket.once("secureConnect", () => {
      const rttMs = performance.now() - started;
      const cert = socket.getPeerCertificate(true) as DetailedPeerCertificate;
      if (!cert || !cert.raw)
        return finish({
          ...base,
          outcome: "error",
          rttMs,
          detail: `${target} completed a handshake without a certificate`,
        });
      finish(success(input, base, socket, cert, rttMs, (options.now ?? Date.now)()));
    });
    // on, not once: a second error after finish() must not become an uncaught exception.
    socket.on("error", (err: NodeJS.ErrnoException) => {
      const outcome = tlsFailureOutcome(err.code);
      finish({
        ...base,
        outcome,
        rttMs: null,
        detail: `TLS to ${target} failed (${outcome}): ${err.message}`,
        ...(err.code ? { errorCode: err.code } : {}),
      });
    });
  });
}

function success(
  input: TlsProbeInput,
  base: { target: string; servername: string },
  socket: TLSSocket,
  cert: DetailedPeerCertificate,
  rttMs: number,
  now: number,
): TlsProbeSuccess {
  // node types it as Error, but _tls_wrap stores OpenSSL's code string there.
  const authError = socket.authorizationError as unknown as string | Error | null | undefined;
  const authorizationError = authError ? (typeof authError === "string" ? authError : authError.message) : undefined;
  const identity = checkServerIdentity(input.servername, cert);
  const facts = certificateFacts(cert, now);
  const trusted = socket.authorized;
  const matchesServername = identity === undefined;
  const verdict = [
    trusted ? "trusted" : `not trusted (${authorizationError ?? "unknown reason"})`,
    matchesServername ? `covers ${input.servername}` : `does not cover ${input.servername}`,
  ];
  return {
    ...base,
    outcome: "ok",
    rttMs,
    detail: `certificate for ${facts.subject || "(no subject)"} is ${verdict.join(" and ")}, ${facts.expired ? "expired" : `${facts.daysToExpiry} days to expiry`}`,
    ...facts,
    trusted,
    ...(authorizationError ? { authorizationError } : {}),
    matchesServername,
    ...(identity ? { servernameError: identity.message } : {}),
    protocol: socket.getProtocol(),
    trustStore: input.caPem ? "caPem" : "system",
  };
}

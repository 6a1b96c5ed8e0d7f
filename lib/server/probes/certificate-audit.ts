import "server-only";
import { isIP } from "node:net";
import { connect, type DetailedPeerCertificate, type TLSSocket } from "node:tls";
import { coversName, type CertificateDetail, type EndpointAudit } from "@/lib/domain/certificates";
import { z } from "zod";
import { certificateDetail } from "./certificate-details";
import { hostPortSchema, timeoutSchema } from "./host-port";
import { tlsFailureOutcome } from "./tls";

// The certificate audit's handshake: connects to one management or service address, takes every
// certificate the server presents, and says whether the node's configured CA (or the system roots)
// trusts the chain. It accepts what a browser would refuse — expired, wrong name, SHA-1, RSA 1024 —
// because those certificates are exactly what the audit must report, never a reason to see nothing.

export interface AuditTarget {
  label: string;
  host: string;
  port: number;
  /** SNI and the name the leaf must cover; null sends no SNI (an IP literal). */
  servername: string | null;
  caPem: string | null;
  timeoutMs: number;
}

/** Depth guard for the issuer walk; real chains are 2–4 long. */
const MAX_CHAIN = 10;

function chainOf(leaf: DetailedPeerCertificate): CertificateDetail[] {
  const out: CertificateDetail[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert?.raw && out.length < MAX_CHAIN && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(certificateDetail(cert.raw));
    cert = cert.issuerCertificate;
  }
  return out;
}

export function auditEndpoint(t: AuditTarget): Promise<EndpointAudit> {
  const target = `${t.host.includes(":") ? `[${t.host}]` : t.host}:${t.port}`;
  const base = {
    label: t.label,
    target,
    servername: t.servername,
    trustStore: t.caPem ? ("node-ca" as const) : ("system" as const),
  };
  return new Promise((resolve) => {
    let settled = false;
    const socket: TLSSocket = connect({
      host: t.host,
      port: t.port,
      ...(t.servername && !isIP(t.servername) ? { servername: t.servername } : {}),
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      // Security level 0 lets the handshake finish with an RSA-1024 or SHA-1 certificate, which the
      // audit reports as a finding; trust is still judged by the chain against the CA below.
      ciphers: "DEFAULT@SECLEVEL=0",
      ...(t.caPem ? { ca: t.caPem } : {}),
    });
    const finish = (a: EndpointAudit) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(a);
    };
    const failed = (outcome: EndpointAudit["outcome"], detail: string): EndpointAudit => ({
      ...base,
      outcome,
      detail,
      chain: [],
      trusted: false,
      verifyError: null,
      nameCovered: null,
    });
    const timer = setTimeout(
      () => finish(failed("timeout", `no TLS handshake with ${target} within ${t.timeoutMs} ms`)),
      t.timeoutMs,
    );
    /** The audit of the certificates the server sent; `ended` says why the handshake stopped after them. */
    const audited = (peer: DetailedPeerCertificate, authError: unknown, ended?: string) => {
      let chain: CertificateDetail[];
      try {
        chain = chainOf(peer);
      } catch (err) {
        return finish(
          failed("error", `${target} sent a certificate that could not be decoded: ${(err as Error).message}`),
        );
      }
      const verifyError = authError
        ? typeof authError === "string"
          ? authError
          : ((authError as NodeJS.ErrnoException).code ?? (authError as Error).message)
        : null;
      const nameCovered = t.servername ? coversName(chain[0]!, t.servername) : null;
      finish({
        ...base,
        outcome: "ok",
        detail: `${chain.length} certificate(s); ${verifyError ? `not trusted (${verifyError})` : "trusted"}${ended ? `; ${ended}` : ""}`,
        chain,
        trusted: !verifyError,
        verifyError,
        nameCovered,
      });
    };
    socket.once("secureConnect", () => {
      const peer = socket.getPeerCertificate(true) as DetailedPeerCertificate;
      if (!peer?.raw) return finish(failed("error", `${target} completed a handshake without a certificate`));
      audited(peer, socket.authorized ? null : (socket.authorizationError ?? "UNKNOWN"));
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      // A listener that demands a client certificate (a Web Bridge's C2W port) ends a TLS 1.2
      // handshake with an alert after sending its own: the certificate and OpenSSL's verdict on it
      // are already there, so audit them. verifyError() is what node reads for authorizationError
      // (internal, hence guarded; without it this stays a failed handshake).
      const peer = settled ? null : (socket.getPeerCertificate(true) as DetailedPeerCertificate | null);
      const handle = (socket as unknown as { _handle?: { verifyError?: () => Error | null } })._handle;
      if (peer?.raw && typeof handle?.verifyError === "function")
        return audited(
          peer,
          handle.verifyError(),
          `the server then ended the handshake (${err.message.split("\n")[0]})`,
        );
      finish(failed(tlsFailureOutcome(err.code), `TLS to ${target} failed: ${err.message}`));
    });
  });
}

/** host and port of an https:// base URL (443 when none); null for anything else. */
export function httpsAddress(baseUrl: string): { host: string; port: number } | null {
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== "https:") return null;
    return { host: u.hostname.replace(/^\[|\]$/g, ""), port: u.port ? Number(u.port) : 443 };
  } catch {
    return null;
  }
}

/** Input of the audit probe as the probe plan validates it (hosts checked like every probe's). */
export const auditInput = z.object({
  label: z.string().min(1),
  target: hostPortSchema({ defaultPort: 443, example: "vcs-e1.example.com:445" }),
  servername: z.string().trim().min(1).nullable(),
  caPem: z.string().nullable(),
  timeoutMs: timeoutSchema(5000),
});

export const runAudit = (i: z.output<typeof auditInput>) =>
  auditEndpoint({
    label: i.label,
    host: i.target.host,
    port: i.target.port,
    servername: i.servername,
    caPem: i.caPem,
    timeoutMs: i.timeoutMs,
  });

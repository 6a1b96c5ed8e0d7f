import "server-only";
import type { PollFailure } from "./failure";

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
]);
const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

/** Maps an undici/Node error (or anything in its cause chain) to a typed poll failure. */
export function classifyError(err: unknown): PollFailure {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: string }).code ?? "";
    const message = (e as Error).message ?? String(e);
    if (TLS_CODES.has(code) || code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_")) {
      return { kind: "tls", message: `TLS verification failed (${code}): ${message}` };
    }
    if (TIMEOUT_CODES.has(code) || (e as Error).name === "TimeoutError") {
      return { kind: "timeout", message: `timed out (${code || "deadline"}): ${message}` };
    }
    if (UNREACHABLE_CODES.has(code)) return { kind: "unreachable", message: `${code}: ${message}` };
  }
  return { kind: "unreachable", message: err instanceof Error ? err.message : String(err) };
}

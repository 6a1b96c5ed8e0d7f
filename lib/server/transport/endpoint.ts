import "server-only";
import type { RequestLog } from "./request-log";

/** What the transport needs to reach one node. The password is plaintext only in memory. */
export interface NodeEndpoint {
  id: string;
  baseUrl: string;
  username: string;
  password: string;
  caPem: string | null;
  tlsInsecure: boolean;
  connectTimeoutMs: number;
  /** Wait for response headers, and between body chunks */
  responseTimeoutMs: number;
  /** When set, every request's raw answer is kept here (the support bundle's capture) */
  capture?: RequestLog;
}

export const TRANSPORT_DEFAULTS = {
  /** A healthy node answers a TCP connect in milliseconds; 5 s covers a congested WAN. */
  connectTimeoutMs: 5000,
  /** The largest real status.xml seen is ~100 KB; 5 MB leaves room without risking memory. */
  maxBodyBytes: 5 * 1024 * 1024,
  /** Same-host redirects followed; an off-host redirect is never followed. */
  maxRedirects: 3,
  /** Retries for connection failures, timeouts and 5xx, with backoff and jitter. */
  retries: 1,
  retryBaseMs: 250,
} as const;

import "server-only";
import type { Readable } from "node:stream";
import { request } from "undici";
import { getAgent, nodeSlots } from "./agent-pool";
import { classifyError } from "./classify-error";
import { TRANSPORT_DEFAULTS, type NodeEndpoint } from "./endpoint";
import { excerptOf, fail, ok, type Result } from "./failure";
import { Limiter } from "./limiter";
import { capturedBody, keptHeaders } from "./request-log";

/**
 * Upper bound on requests in flight across all nodes, so they cannot exhaust sockets. 500 nodes
 * ask ~3 600 requests per cycle; at 128 the cap alone made a cycle ≥ 2.8 s (P1). 512 sockets
 * stays far below the file limit Node raises at start. A slot is taken after the node's own
 * slot (agent-pool.ts), so requests waiting for a busy node never hold global slots.
 */
const GLOBAL_CONCURRENCY = 512;
const globalSlots = new Limiter(GLOBAL_CONCURRENCY);

/**
 * A backstop on one request's whole life (connect, headers, body), in responseTimeoutMs units on
 * top of the connect timeout. undici's own timers cover each phase only once it has begun; this
 * one always runs, so whatever undici does, every request ends and its slots are given back.
 */
const DEADLINE_RESPONSE_TIMEOUTS = 3;

export interface TextResponse {
  status: number;
  contentType: string;
  body: string;
}

type Options = Partial<Record<keyof typeof TRANSPORT_DEFAULTS, number>> & { accept?: string };

/** GETs a path on a node with basic auth; every failure comes back typed, never thrown. */
export async function getText(
  endpoint: NodeEndpoint,
  pathAndQuery: string,
  options: Options = {},
): Promise<Result<TextResponse>> {
  const o = { ...TRANSPORT_DEFAULTS, ...options };
  const once = () =>
    nodeSlots(endpoint.id).run(() => globalSlots.run(() => getFollowingRedirects(endpoint, pathAndQuery, o)));
  let result = await once();
  for (let attempt = 1; attempt <= o.retries && !result.ok && isRetryable(result); attempt++) {
    const backoff = o.retryBaseMs * 2 ** (attempt - 1);
    await new Promise((r) => setTimeout(r, backoff / 2 + Math.random() * backoff));
    result = await once();
  }
  return result;
}

function isRetryable(r: Result<TextResponse>): boolean {
  if (r.ok) return false;
  return r.failure.kind === "unreachable" || r.failure.kind === "timeout" || /^HTTP 5\d\d/.test(r.failure.message);
}

async function getFollowingRedirects(
  endpoint: NodeEndpoint,
  pathAndQuery: string,
  o: Required<Omit<Options, "accept">> & Options,
): Promise<Result<TextResponse>> {
  const base = new URL(endpoint.baseUrl);
  let url = new URL(pathAndQuery, base);
  for (let hop = 0; ; hop++) {
    const res = await getOnce(endpoint, url, o);
    if (!res.ok || !("location" in res.value)) return res as Result<TextResponse>;
    const next = new URL(res.value.location, url);
    if (next.origin !== base.origin) return fail("http", `redirected off the node to ${next.origin} (not followed)`);
    if (hop >= o.maxRedirects) return fail("http", `more than ${o.maxRedirects} redirects`);
    url = next;
  }
}

/** One request, its raw answer recorded when the endpoint carries a capture log (support bundle). */
async function getOnce(
  endpoint: NodeEndpoint,
  url: URL,
  o: Required<Omit<Options, "accept">> & Options,
): Promise<Result<TextResponse | { location: string }>> {
  if (!endpoint.capture) return requestOnce(endpoint, url, o);
  const seen: Seen = {};
  const started = Date.now();
  const res = await requestOnce(endpoint, url, o, seen);
  endpoint.capture.add({
    method: "GET",
    url: url.href,
    // The credentials are never kept, not even in memory: only that basic auth was sent, and as whom.
    requestHeaders: { authorization: `Basic [redacted: ${endpoint.username}:…]`, accept: o.accept ?? DEFAULT_ACCEPT },
    at: new Date(started).toISOString(),
    ms: Date.now() - started,
    status: seen.status ?? null,
    headers: seen.headers ? keptHeaders(seen.headers) : {},
    ...capturedBody(seen.body ?? null),
    error: res.ok ? null : res.failure.message,
  });
  return res;
}

/** What came off the wire, for the capture. */
interface Seen {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
}

const DEFAULT_ACCEPT = "application/xml, text/xml";

async function requestOnce(
  endpoint: NodeEndpoint,
  url: URL,
  o: Required<Omit<Options, "accept">> & Options,
  seen: Seen = {},
): Promise<Result<TextResponse | { location: string }>> {
  const auth = Buffer.from(`${endpoint.username}:${endpoint.password}`).toString("base64");
  const deadlineMs = endpoint.connectTimeoutMs + DEADLINE_RESPONSE_TIMEOUTS * endpoint.responseTimeoutMs;
  // A timer cleared when the request ends (AbortSignal.timeout would keep one alive per request
  // for the whole deadline: thousands per cycle at 500 nodes).
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), deadlineMs);
  const signal = controller.signal;
  try {
    const res = await request(url, {
      method: "GET",
      dispatcher: getAgent(endpoint),
      signal,
      headers: { authorization: `Basic ${auth}`, accept: o.accept ?? DEFAULT_ACCEPT },
      headersTimeout: endpoint.responseTimeoutMs,
      bodyTimeout: endpoint.responseTimeoutMs,
    });
    seen.status = res.statusCode;
    seen.headers = res.headers;
    const location = res.headers.location;
    if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === "string") {
      await res.body.dump();
      return ok({ location });
    }
    const declared = Number(res.headers["content-length"] ?? NaN);
    if (declared > o.maxBodyBytes) {
      res.body.destroy(); // refuse before reading: the node said up front it is too big
      return fail(
        "http",
        `response larger than ${Math.round(o.maxBodyBytes / 1024 / 1024)} MB (declared ${declared} bytes, not read)`,
        { httpStatus: res.statusCode },
      );
    }
    const body = await readCapped(res.body, o.maxBodyBytes);
    if (body !== null) seen.body = body;
    if (body === null)
      return fail("http", `response larger than ${Math.round(o.maxBodyBytes / 1024 / 1024)} MB (cut off)`, {
        httpStatus: res.statusCode,
      });
    if (res.statusCode === 401 || res.statusCode === 403) {
      return fail("auth", `HTTP ${res.statusCode}: the node rejected the API credentials`, {
        excerpt: excerptOf(body),
        httpStatus: res.statusCode,
      });
    }
    if (res.statusCode < 200 || res.statusCode >= 300)
      return fail("http", `HTTP ${res.statusCode} from ${url.pathname}`, {
        excerpt: excerptOf(body),
        httpStatus: res.statusCode,
      });
    return ok({ status: res.statusCode, contentType: String(res.headers["content-type"] ?? ""), body });
  } catch (err) {
    if (signal.aborted)
      return fail("timeout", `timed out (deadline): no complete answer from ${url.pathname} within ${deadlineMs} ms`);
    const f = classifyError(err);
    return fail(f.kind, f.message);
  } finally {
    clearTimeout(deadline);
  }
}

/**
 * The body as text, or null (and the stream destroyed) once it passes `max` bytes. Plain
 * 'data' events: an async iterator costs a promise per chunk, thousands per cycle.
 */
function readCapped(body: Readable, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        body.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    body.once("end", () => resolve(Buffer.concat(chunks, size).toString("utf8")));
    body.once("error", reject);
  });
}

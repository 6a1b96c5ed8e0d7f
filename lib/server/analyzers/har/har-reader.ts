import "server-only";
import { EvidenceFormatError } from "../errors";
import { asArray, asNumber, asRecord, asString, clip, type JsonRecord } from "../json-shape";

// HAR 1.2 (log.entries[].request/response) as Chrome, Edge and Firefox export it. Chrome adds
// _resourceType and, on websocket entries, _webSocketMessages; Firefox marks websockets only
// by the Upgrade header or the ws(s) scheme. Response bodies are never read.

export interface HarEntry {
  /** 1-based position in log.entries. */
  index: number;
  started: string;
  startedMs: number | null;
  method: string;
  url: string;
  host: string;
  path: string;
  query: string;
  status: number;
  statusText: string;
  resourceType: string | null;
  mimeType: string;
  redirectURL: string;
  /** Chrome's reason for a request without response, e.g. "net::ERR_CONNECTION_REFUSED". */
  error: string | null;
  isDocument: boolean;
  isWebSocket: boolean;
  wsSent: number;
  wsReceived: number;
  wsFirstMs: number | null;
  wsLastMs: number | null;
}

function header(headers: unknown, name: string): string | null {
  for (const h of asArray(headers)) {
    const rec = asRecord(h);
    if (asString(rec?.name)?.toLowerCase() === name) return asString(rec?.value);
  }
  return null;
}

function readEntry(e: JsonRecord, index: number): HarEntry {
  const req = asRecord(e.request) ?? {};
  const res = asRecord(e.response) ?? {};
  const url = clip(asString(req.url) ?? "", 2000);
  let host = "";
  let path = "";
  let query = "";
  try {
    const u = new URL(url);
    host = u.hostname.toLowerCase();
    path = u.pathname;
    query = u.search;
  } catch {
    // A relative or broken URL still counts as an entry; it just has no host.
  }
  const resourceType = asString(e._resourceType);
  const mimeType = asString(asRecord(res.content)?.mimeType) ?? "";
  const upgrade = header(req.headers, "upgrade");
  const isWebSocket = resourceType === "websocket" || /^wss?:/i.test(url) || upgrade?.toLowerCase() === "websocket";
  let wsSent = 0;
  let wsReceived = 0;
  let wsFirstMs: number | null = null;
  let wsLastMs: number | null = null;
  for (const m of asArray(e._webSocketMessages)) {
    const msg = asRecord(m);
    if (asString(msg?.type) === "send") wsSent++;
    else wsReceived++;
    // Chrome writes seconds since the epoch, with fractions.
    const t = asNumber(msg?.time);
    if (t !== null) {
      wsFirstMs ??= t * 1000;
      wsLastMs = t * 1000;
    }
  }
  const started = asString(e.startedDateTime) ?? "";
  const parsed = Date.parse(started);
  const error = asString(res._error) ?? asString(e._error);
  return {
    index,
    started,
    startedMs: Number.isFinite(parsed) ? parsed : null,
    method: clip(asString(req.method) ?? "GET", 20),
    url,
    host,
    path,
    query,
    status: asNumber(res.status) ?? 0,
    statusText: clip(asString(res.statusText) ?? "", 100),
    resourceType,
    mimeType,
    redirectURL: clip(asString(res.redirectURL) ?? header(res.headers, "location") ?? "", 2000),
    error: error ? clip(error, 200) : null,
    isDocument: resourceType === "document" || (resourceType === null && /text\/html/i.test(mimeType) && !isWebSocket),
    isWebSocket,
    wsSent,
    wsReceived,
    wsFirstMs,
    wsLastMs,
  };
}

export function readHar(json: unknown): HarEntry[] {
  const root = asRecord(json);
  const log = asRecord(root?.log);
  if (!log || !Array.isArray(log.entries)) {
    const hint =
      root && "PeerConnections" in root ? " It looks like a webrtc-internals dump: drop it on that analyzer." : "";
    throw new EvidenceFormatError(
      "har",
      `This is not a HAR file: no log.entries.${hint} Save it from the browser's developer tools (Network tab → "Save all as HAR"), recorded while joining.`,
    );
  }
  const out: HarEntry[] = [];
  log.entries.forEach((e, i) => {
    const rec = asRecord(e);
    if (rec) out.push(readEntry(rec, i + 1));
  });
  return out;
}

/**
 * The Join URL host: given, or else the host the browser talked to most, with page loads and
 * websockets weighing more than static files (a CDN must not win on image count).
 */
export function pickJoinHost(entries: HarEntry[], given?: string): string | null {
  if (given) {
    try {
      return new URL(given.includes("://") ? given : `https://${given}`).hostname.toLowerCase();
    } catch {
      return given.toLowerCase();
    }
  }
  const score = new Map<string, number>();
  for (const e of entries) {
    if (!e.host) continue;
    score.set(e.host, (score.get(e.host) ?? 0) + (e.isDocument || e.isWebSocket ? 10 : 1));
  }
  let best: string | null = null;
  let bestScore = 0;
  for (const [host, s] of score) {
    if (s > bestScore) {
      best = host;
      bestScore = s;
    }
  }
  return best;
}

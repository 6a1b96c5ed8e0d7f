import "server-only";
import type { HarAnalysis, HarRequestRow, HarStats, HarWebSocketRow } from "@/lib/domain/evidence-details";
import { rankFindings } from "@/lib/domain/findings";
import { parseJsonEvidence } from "../evidence-input";
import { pickJoinHost, readHar, type HarEntry } from "./har-reader";
import { harFindings, isStartPage } from "./rules";

// Browser HAR → requests to the join URL, the websocket upgrade and its status, HTTP failures,
// redirects back to the start page. Evidence for the Web Proxy (C1, V2, V3) and hints for T1–T4.

export interface HarOptions {
  /** The deployment's Join URL or host; otherwise guessed from the traffic. */
  joinUrl?: string;
}

const MAX_REQUEST_ROWS = 200;
const MAX_WEBSOCKET_ROWS = 50;

function row(e: HarEntry): HarRequestRow {
  const r: HarRequestRow = {
    entry: e.index,
    startedDateTime: e.started,
    method: e.method,
    url: e.url,
    status: e.status,
    statusText: e.statusText,
    resourceType: e.resourceType,
  };
  if (e.redirectURL) r.redirectURL = e.redirectURL;
  if (e.error) r.error = e.error;
  return r;
}

/** `buf` is the unpacked upload (evidenceBytes). */
export function analyzeHar(buf: Buffer, options: HarOptions = {}): HarAnalysis {
  const entries = readHar(parseJsonEvidence("har", "a HAR file", buf));
  const joinHost = pickJoinHost(entries, options.joinUrl);
  const stats: HarStats = {
    entries: entries.length,
    hosts: new Set(entries.map((e) => e.host).filter(Boolean)).size,
    joinHost,
    status: { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, failed: 0 },
    websockets: 0,
    websocketsUpgraded: 0,
    firstRequest: null,
    lastRequest: null,
  };
  const requests: HarRequestRow[] = [];
  const websockets: HarWebSocketRow[] = [];
  for (const e of entries) {
    const bucket =
      e.status === 0 ? "failed" : e.status >= 500 ? "5xx" : e.status >= 400 ? "4xx" : e.status >= 300 ? "3xx" : "2xx";
    stats.status[bucket]++;
    if (e.started) {
      stats.firstRequest ??= e.started;
      stats.lastRequest = e.started;
    }
    if (e.isWebSocket) {
      stats.websockets++;
      if (e.status === 101) stats.websocketsUpgraded++;
      if (websockets.length < MAX_WEBSOCKET_ROWS) {
        const active =
          e.wsFirstMs !== null && e.wsLastMs !== null ? Math.round((e.wsLastMs - e.wsFirstMs) / 100) / 10 : null;
        websockets.push({
          entry: e.index,
          url: e.url,
          status: e.status,
          messagesSent: e.wsSent,
          messagesReceived: e.wsReceived,
          activeSeconds: active,
        });
      }
    }
    const interesting = e.isDocument || e.isWebSocket || e.status === 0 || e.status >= 300;
    if (e.host === joinHost && interesting && requests.length < MAX_REQUEST_ROWS) requests.push(row(e));
  }

  const findings = harFindings(entries, joinHost);
  const notes: string[] = [];
  if (entries.length === 0)
    notes.push("The HAR holds no requests: record it with the Network tab open (Preserve log on) while joining.");
  else if (joinHost && !entries.some((e) => e.host === joinHost && e.isWebSocket)) {
    notes.push(
      `No websocket to ${joinHost} was recorded: the HAR may start after the web app loaded (turn on Preserve log and record from the start).`,
    );
  }
  if (!options.joinUrl && joinHost) notes.push(`Join URL host guessed from the traffic: ${joinHost}.`);
  if (findings.length === 0) {
    const started = entries.some((e) => e.host === joinHost && e.isDocument && isStartPage(e));
    findings.push({
      id: "har.clean",
      severity: "info",
      scenarioIds: [],
      domainIds: ["V2", "V3"],
      confidence: "medium",
      title: "The Web Proxy path looks healthy",
      detail:
        `${started ? "The start page loaded, " : ""}${stats.websocketsUpgraded} websocket(s) upgraded and no HTTP failure on ${joinHost ?? "the join host"}. ` +
        "A HAR cannot see media: for T1/T3 use a webrtc-internals dump or a capture.",
      evidence: [],
      fix: [],
    });
  }
  const ranked = rankFindings(findings);
  const problems = ranked.findings.filter((f) => f.severity !== "info").map((f) => f.title);
  return {
    kind: "har",
    summary:
      `${entries.length} requests${joinHost ? `, ${requests.length} notable on ${joinHost}` : ""}; ${stats.websocketsUpgraded}/${stats.websockets} websockets upgraded. ` +
      (problems.length > 0 ? `${problems.join("; ")}.` : "No Web Proxy failure seen."),
    scenarioIds: ranked.scenarioIds,
    findings: ranked.findings,
    stats,
    details: { joinHost, requests, websockets },
    notes,
  };
}

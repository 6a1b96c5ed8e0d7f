import "server-only";
import type { EvidenceRef, Finding } from "@/lib/domain/findings";
import { MAX_EVIDENCE_PER_FINDING } from "@/lib/domain/findings";
import { fixFor } from "@/lib/domain/fix-steps";
import type { HarEntry } from "./har-reader";

// A HAR sees the HTTPS/WSS side only (browser → Expressway-E → SSH tunnel → Web Bridge), never
// media. So it proves Web Proxy faults (C1, V2, V3) directly and hints at T1–T4 only through
// their visible symptom: the client being sent back to the start page (T1/T3), or failing at
// once (T4). Those hints carry confidence "low".

/** "/", "/en-US/", "/en-US/home", "/index.html": where the web app starts and falls back to. */
const START_PAGE = /^\/(?:[a-z]{2}(?:[-_][a-z]{2,4})?\/?)?(?:home\/?|index\.html?)?$/i;
/** T1's client gives up about 30 s after joining (ICE timeout); allow for slow pages. */
const ICE_TIMEOUT_WINDOW_MS: [number, number] = [20_000, 45_000];

export const ref = (e: HarEntry, note = ""): EvidenceRef => ({
  entry: e.index,
  first: e.started,
  text: `${e.method} ${e.url} → ${e.status === 0 ? `no response${e.error ? ` (${e.error})` : ""}` : `${e.status} ${e.statusText}`.trim()}${e.redirectURL ? ` → ${e.redirectURL}` : ""}${note}`,
});

function finding(
  base: Omit<Finding, "evidence" | "evidenceTotal">,
  entries: HarEntry[],
  note?: (e: HarEntry) => string,
): Finding {
  const evidence = entries.slice(0, MAX_EVIDENCE_PER_FINDING).map((e) => ref(e, note?.(e) ?? ""));
  return { ...base, evidence, ...(entries.length > evidence.length ? { evidenceTotal: entries.length } : {}) };
}

export const isStartPage = (e: HarEntry) => START_PAGE.test(e.path) && !/[?&](?:id|meeting|callid)=/i.test(e.query);

export function harFindings(entries: HarEntry[], joinHost: string | null): Finding[] {
  const out: Finding[] = [];
  const onJoin = entries.filter((e) => joinHost !== null && e.host === joinHost);

  const badRequest = onJoin.filter((e) => e.status === 400 && (e.isDocument || START_PAGE.test(e.path)));
  if (badRequest.length > 0) {
    out.push(
      finding(
        {
          id: "har.bad-request",
          severity: "fail",
          scenarioIds: [],
          domainIds: ["C1", "C2"],
          confidence: "medium",
          title: "The Join URL answers 400 Bad Request",
          detail: `Loading ${joinHost} returned "Bad Request". Through the Expressway Web Proxy this is what a Guest account client URI that differs from the Join URL produces (C1; TAC 211301).`,
          fix: fixFor("guestAccountUri"),
        },
        badRequest,
      ),
    );
  }

  const sockets = onJoin.filter((e) => e.isWebSocket);
  const notUpgraded = sockets.filter((e) => e.status !== 101);
  if (notUpgraded.length > 0) {
    out.push(
      finding(
        {
          id: "har.websocket-failed",
          severity: "fail",
          scenarioIds: ["T4"],
          domainIds: ["V2", "V3", "R5"],
          confidence: "low",
          title: "The websocket to the Web Bridge was not opened",
          detail:
            `${notUpgraded.length} of ${sockets.length} websocket request(s) to ${joinHost} got no 101 Switching Protocols. Without it the ` +
            "web app cannot talk to the Web Bridge and joining fails at once (the T4 symptom). Through Expressway the usual causes are a " +
            "missing wss rule in the HTTP allow list (V2) or an inactive SSH tunnel (V3); if those are fine, check T4's _xmpp-client SRV record.",
          fix: [...fixFor("webProxy"), ...fixFor("T4")],
        },
        notUpgraded,
      ),
    );
  }
  const silent = sockets.filter((e) => e.status === 101 && e.wsReceived === 0 && e.wsSent > 0);
  if (silent.length > 0) {
    out.push(
      finding(
        {
          id: "har.websocket-silent",
          severity: "warn",
          scenarioIds: ["T4"],
          domainIds: ["V3"],
          confidence: "low",
          title: "The websocket opened but the Web Bridge never answered",
          detail: `${silent.length} websocket(s) to ${joinHost} sent messages and received none: the Web Bridge side of the proxy is not answering.`,
          fix: [...fixFor("webProxy"), ...fixFor("T4")],
        },
        silent,
        (e) => ` (${e.wsSent} sent, 0 received)`,
      ),
    );
  }

  const forbidden = onJoin.filter((e) => e.status === 403);
  if (forbidden.length > 0) {
    out.push(
      finding(
        {
          id: "har.forbidden",
          severity: "warn",
          scenarioIds: [],
          domainIds: ["V2"],
          confidence: "medium",
          title: "Requests to the Join URL are forbidden (403)",
          detail:
            "Expressway-E answers 403 for paths its HTTP allow list does not cover; the Meeting Server web bridge rules must allow prefix / (V2).",
          fix: fixFor("webProxy"),
        },
        forbidden,
      ),
    );
  }

  const serverErrors = onJoin.filter((e) => e.status >= 500);
  const noResponse = onJoin.filter(
    (e) => e.status === 0 && !e.isWebSocket && !/ERR_ABORTED|ERR_BLOCKED_BY_CLIENT/i.test(e.error ?? ""),
  );
  if (serverErrors.length + noResponse.length > 0) {
    out.push(
      finding(
        {
          id: "har.http-failures",
          severity: "warn",
          scenarioIds: [],
          domainIds: ["V3", "V1", "R5", "R8"],
          confidence: "medium",
          title: "HTTP failures on the Join URL",
          detail:
            `${serverErrors.length} server error(s) and ${noResponse.length} request(s) without response on ${joinHost}. A 502/503/504 from ` +
            "Expressway-E usually means it cannot reach the Web Bridge through the SSH tunnel (V3); no response at all points at TCP 443 (R5) or outside DNS (R8).",
          fix: fixFor("webProxy"),
        },
        [...serverErrors, ...noResponse].sort((a, b) => a.index - b.index),
      ),
    );
  }

  const back = backToStart(onJoin);
  if (back) out.push(back);
  return out;
}

/** A start-page load after the meeting page or the websocket: the client was sent back (T1/T3). */
function backToStart(onJoin: HarEntry[]): Finding | null {
  let joinedAt: HarEntry | null = null;
  const returns: { entry: HarEntry; afterMs: number | null }[] = [];
  for (const e of onJoin) {
    const meeting = (e.isDocument && !isStartPage(e)) || (e.isWebSocket && e.status === 101);
    if (meeting && joinedAt === null) joinedAt = e;
    const redirectHome =
      e.status >= 300 && e.status < 400 && e.redirectURL !== "" && isStartPageUrl(e.redirectURL, e.url);
    if (joinedAt !== null && e !== joinedAt && ((e.isDocument && isStartPage(e)) || redirectHome)) {
      const afterMs = e.startedMs !== null && joinedAt.startedMs !== null ? e.startedMs - joinedAt.startedMs : null;
      returns.push({ entry: e, afterMs });
    }
  }
  if (joinedAt === null || returns.length === 0) return null;
  const first = returns[0]!;
  const secs = first.afterMs === null ? null : Math.round(first.afterMs / 1000);
  const iceTimeout =
    first.afterMs !== null && first.afterMs >= ICE_TIMEOUT_WINDOW_MS[0] && first.afterMs <= ICE_TIMEOUT_WINDOW_MS[1];
  return finding(
    {
      id: "har.back-to-start",
      severity: "warn",
      scenarioIds: iceTimeout ? ["T1", "T3"] : ["T3", "T1"],
      domainIds: [],
      confidence: "low",
      title: "The client was sent back to the start page",
      detail:
        `After joining (entry ${joinedAt.index}) the browser loaded the start page again${secs !== null ? ` ${secs} s later` : ""}. ` +
        (iceTimeout
          ? "About 30 s is ICE giving up: no media path (T1 when TURN rejects credentials, T3 when relay ports are blocked). "
          : "Returning to the start page is how T1 and T3 end. ") +
        "A HAR cannot see media: confirm with a webrtc-internals dump, a capture, or the CMS event log.",
      fix: [...fixFor("T1").slice(0, 2), ...fixFor("T3").slice(1, 3)],
    },
    returns.map((r) => r.entry),
    (e) => (e === first.entry && secs !== null ? ` (${secs} s after joining)` : ""),
  );
}

function isStartPageUrl(target: string, base: string): boolean {
  try {
    const u = new URL(target, base);
    return START_PAGE.test(u.pathname) && !/[?&](?:id|meeting|callid)=/i.test(u.search);
  } catch {
    return false;
  }
}

import "server-only";
import type { CandidateType, WebrtcInternalsAnalysis, WebrtcInternalsStats } from "@/lib/domain/evidence-details";
import { rankFindings, type Finding } from "@/lib/domain/findings";
import { parseJsonEvidence } from "../evidence-input";
import { readDump, type PcFacts } from "./dump-reader";
import { pcFindings } from "./rules";

// chrome://webrtc-internals dump → is there a relay candidate, did TURN reject the credentials
// (T1) or was it unreachable, did checks through the relay fail (T3), which TURN URLs were tried.

/** PeerConnections listed in details; the rest are still analysed and counted. */
const MAX_PCS_LISTED = 20;

const emptyTypes = (): Record<CandidateType, number> => ({ host: 0, srflx: 0, prflx: 0, relay: 0 });

function countTypes(target: Record<CandidateType, number>, types: string[]): void {
  for (const t of types) if (t in target) target[t as CandidateType]++;
}

/** `buf` is the unpacked upload (evidenceBytes). */
export function analyzeWebrtcInternals(buf: Buffer): WebrtcInternalsAnalysis {
  const dump = readDump(parseJsonEvidence("webrtc-internals", "a webrtc-internals dump", buf));
  const active = dump.pcs.filter((p) => p.active);
  const stats: WebrtcInternalsStats = {
    peerConnections: dump.pcs.length,
    localCandidates: emptyTypes(),
    remoteCandidates: emptyTypes(),
    pairStates: {},
    iceErrorCodes: {},
    userAgent: dump.userAgent,
  };
  const findings: Finding[] = [];
  for (const pc of active) {
    countTypes(
      stats.localCandidates,
      pc.summary.localCandidates.map((c) => c.type),
    );
    countTypes(
      stats.remoteCandidates,
      pc.summary.remoteCandidates.map((c) => c.type),
    );
    for (const p of pc.summary.pairs) stats.pairStates[p.state] = (stats.pairStates[p.state] ?? 0) + 1;
    for (const e of pc.errorEvents) stats.iceErrorCodes[e.row.code] = (stats.iceErrorCodes[e.row.code] ?? 0) + 1;
    findings.push(...pcFindings(pc));
  }
  for (const g of dump.getUserMediaErrors.slice(0, 1)) {
    findings.push({
      id: "webrtc-internals.getusermedia-error",
      severity: "info",
      scenarioIds: [],
      domainIds: [],
      confidence: "high",
      title: "Camera or microphone access failed",
      detail: `getUserMedia failed with ${g.error}${g.message ? ` (${g.message})` : ""}: a browser permission or device problem, not the network path. ${dump.getUserMediaErrors.length} such error(s).`,
      evidence: dump.getUserMediaErrors.slice(0, 5).map((e) => ({ text: `${e.error}: ${e.message}` })),
      fix: [],
    });
  }
  const notes: string[] = [];
  if (active.length === 0) {
    notes.push(
      dump.pcs.length === 0
        ? "The dump holds no PeerConnection: create it while the call is being joined (or right after it fails), before closing the tab."
        : "No PeerConnection shows ICE activity (no candidates, states or errors): the dump may have been taken before joining.",
    );
  }
  const ranked = rankFindings(findings);
  const listed = [...active].sort((a, b) => score(b) - score(a)).slice(0, MAX_PCS_LISTED);
  if (active.length > listed.length)
    notes.push(`${active.length - listed.length} more PeerConnections were analysed but are not listed.`);
  return {
    kind: "webrtc-internals",
    summary: summarize(active, ranked.findings, stats),
    scenarioIds: ranked.scenarioIds,
    findings: ranked.findings,
    stats,
    details: { peerConnections: listed.map((p) => p.summary), getUserMediaErrors: dump.getUserMediaErrors },
    notes,
  };
}

/** Problem PeerConnections first in the details. */
function score(pc: PcFacts): number {
  return (pc.failedEver ? 4 : 0) + (pc.summary.iceErrors.length > 0 ? 2 : 0) + (pc.connectedEver ? 0 : 1);
}

function summarize(active: PcFacts[], findings: Finding[], stats: WebrtcInternalsStats): string {
  const relay = stats.localCandidates.relay;
  const base = `${active.length} active PeerConnection(s); ${relay} relay candidate(s)`;
  const problems = findings.filter((f) => f.severity !== "info").map((f) => f.title);
  if (problems.length > 0) return `${base}. ${[...new Set(problems)].join("; ")}.`;
  if (active.some((p) => p.connectedEver)) return `${base}. ICE connected; no TURN errors.`;
  return `${base}. No ICE outcome recorded.`;
}

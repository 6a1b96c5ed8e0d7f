import "server-only";
import type { EvidenceRef, Finding } from "@/lib/domain/findings";
import { MAX_EVIDENCE_PER_FINDING } from "@/lib/domain/findings";
import { fixFor } from "@/lib/domain/fix-steps";
import { errorReasonFor } from "@/lib/server/probes/turn/stun-codec";
import { RELAY_PORT_MAX, RELAY_PORT_MIN, type StunTracker } from "./stun-tracker";
import type { DestinationTally, RefList } from "./tracker-state";

// Turns what the tracker saw into findings. T1: Allocate (or Refresh…) error 431/401/441 to a
// request that carried credentials — Expressway sends 431, coturn 401 (api-formats §6b); a
// bare 401 to a request without credentials is only the normal challenge. T3: Binding requests
// to Expressway-E's relay range with no response. R6/R7: TURN requests nobody answers.

/** Unanswered requests to one destination before it counts as silent (one loss is noise). */
const MIN_UNANSWERED = 2;

const withTotal = (list: RefList) => (list.total > list.refs.length ? { evidenceTotal: list.total } : {});

function silent(tallies: DestinationTally[]): DestinationTally[] {
  return tallies
    .filter((t) => t.answered === 0 && t.unanswered.total >= MIN_UNANSWERED)
    .sort((a, b) => b.unanswered.total - a.unanswered.total);
}

function destinationEvidence(dests: DestinationTally[]): { evidence: EvidenceRef[]; total: number } {
  const evidence: EvidenceRef[] = [];
  let total = 0;
  for (const t of dests) {
    total += t.unanswered.total;
    for (const r of t.unanswered.refs.slice(0, 3)) if (evidence.length < MAX_EVIDENCE_PER_FINDING) evidence.push(r);
  }
  return { evidence, total };
}

export function pcapFindings(t: StunTracker): Finding[] {
  const out: Finding[] = [];
  const c = t.counters;
  if (t.rejected.total > 0) {
    const codes = [...t.rejectedCodes].sort().join("/");
    out.push({
      id: "pcap.turn-credentials-rejected",
      severity: "fail",
      scenarioIds: ["T1"],
      domainIds: ["C3", "C5"],
      confidence: "high",
      title: `TURN rejected the credentials (${codes})`,
      detail:
        `${t.rejectedAnswers} error response(s) ${codes} to requests that carried credentials` +
        `${t.rejectedUsers.size ? ` (user ${[...t.rejectedUsers].join(", ")}` : ""}${t.rejectedRealms.size ? `, realm ${[...t.rejectedRealms].join(", ")})` : t.rejectedUsers.size ? ")" : ""}. ` +
        "Expressway-E answers wrong TURN credentials with 431 Integrity Check Failure (coturn with 401): the username/password on the CMS " +
        "turnServer differ from Expressway-E's local authentication database, so no relay is allocated (T1).",
      evidence: t.rejected.refs,
      ...withTotal(t.rejected),
      fix: fixFor("T1"),
    });
  } else if (t.unmatched401.total >= 2 && c.allocateSuccesses === 0) {
    out.push({
      id: "pcap.turn-401-repeated",
      severity: "warn",
      scenarioIds: ["T1"],
      domainIds: ["C3", "C5"],
      confidence: "medium",
      title: "Repeated 401 Unauthorized and no Allocate success",
      detail:
        `${t.unmatched401.total} 401 responses whose requests are not in this capture, and no allocation succeeded. A first 401 is the ` +
        "normal challenge; a client that keeps getting 401 is being refused its credentials (T1). Capture both directions to be sure.",
      evidence: t.unmatched401.refs,
      ...withTotal(t.unmatched401),
      fix: fixFor("T1"),
    });
  }

  const deadRelays = silent(t.relayDest.all);
  if (deadRelays.length > 0) {
    const { evidence, total } = destinationEvidence(deadRelays);
    const none = c.relayBindingAnswered === 0;
    out.push({
      id: "pcap.relay-binding-unanswered",
      severity: none ? "fail" : "warn",
      scenarioIds: ["T3"],
      domainIds: ["R10"],
      confidence: none ? "high" : "medium",
      title: `Binding requests to the relay range ${RELAY_PORT_MIN}–${RELAY_PORT_MAX} get no answer`,
      detail:
        `${total} Binding request(s) to ${deadRelays.length} relay address(es) (${deadRelays
          .slice(0, 4)
          .map((d) => d.name)
          .join(", ")}) were never answered` +
        `${none ? "" : `, while ${c.relayBindingAnswered} to other relay addresses were`}. ` +
        "Captured on the client: check whether they reach Expressway-E. Captured on Expressway-E with no answer leaving: the Call Bridge side; " +
        "answers leaving but the client keeps retrying: the outside firewall drops the return UDP (T3).",
      evidence,
      ...(total > evidence.length ? { evidenceTotal: total } : {}),
      fix: fixFor("T3"),
    });
  } else if (c.relayBindingAnswered > 0) {
    out.push({
      id: "pcap.relay-binding-answered",
      severity: "info",
      scenarioIds: [],
      domainIds: [],
      confidence: "high",
      title: "Binding checks through the relay range are answered",
      detail: `${c.relayBindingAnswered} of ${c.relayBindingRequests} Binding requests to ports ${RELAY_PORT_MIN}–${RELAY_PORT_MAX} got a response: the relay path works.`,
      evidence: [],
      fix: [],
    });
  }

  const deadServers = silent([...t.serverUdp.all, ...t.serverTcp.all]);
  if (deadServers.length > 0) {
    const { evidence, total } = destinationEvidence(deadServers);
    out.push({
      id: "pcap.turn-server-silent",
      severity: c.allocateSuccesses === 0 && t.rejected.total === 0 ? "fail" : "warn",
      scenarioIds: ["T1"],
      domainIds: ["R6", "R7"],
      confidence: "medium",
      title: "TURN requests get no answer",
      detail:
        `${total} TURN/STUN request(s) to ${deadServers
          .map((d) => d.name)
          .slice(0, 4)
          .join(", ")} were never answered. Without an answer ` +
        "there is no relay and the call ends like T1. UDP 3478 must reach Expressway-E's public address from the internet (R6) and its private address from CMS (R7).",
      evidence,
      ...(total > evidence.length ? { evidenceTotal: total } : {}),
      fix: fixFor("turnUnreachable"),
    });
  }

  for (const [code, list] of [...t.otherErrors.entries()].sort((a, b) => a[0] - b[0])) {
    const capacity = code === 486 || code === 508;
    out.push({
      id: `pcap.stun-error-${code}`,
      severity: code === 437 ? "info" : "warn",
      scenarioIds: [],
      domainIds: capacity ? ["R4", "V5"] : [],
      confidence: "high",
      title: `STUN/TURN error ${code} ${errorReasonFor(code) ?? ""}`.trimEnd(),
      detail:
        code === 437
          ? `${list.total} Allocation Mismatch answers: a client allocated again on a 5-tuple that still holds an allocation (usually harmless after a crash or quick retry).`
          : `${list.total} error response(s) ${code}${capacity ? ": the TURN server is out of relays or over quota (R4)." : "."}`,
      evidence: list.refs,
      ...withTotal(list),
      fix: capacity ? fixFor("relayCapacity") : [],
    });
  }

  if (c.allocateSuccesses > 0) {
    out.push({
      id: "pcap.allocations",
      severity: "info",
      scenarioIds: [],
      domainIds: ["V5"],
      confidence: "high",
      title: "TURN allocations succeeded",
      detail: `${c.allocateSuccesses} Allocate success response(s): these credentials are accepted.`,
      evidence: t.allocations.refs,
      ...withTotal(t.allocations),
      fix: [],
    });
  }
  if (c.messages === 0) {
    out.push({
      id: "pcap.no-stun",
      severity: "warn",
      scenarioIds: [],
      domainIds: [],
      confidence: "medium",
      title: "No STUN/TURN messages in this capture",
      detail:
        "Nothing in the capture is STUN or TURN. Check the capture point and filter (udp port 3478 or portrange 24000-29999), and that the " +
        "capture ran while the call was being joined. TURN over TLS on 443 is encrypted and cannot be read.",
      evidence: [],
      fix: [],
    });
  }
  return out;
}

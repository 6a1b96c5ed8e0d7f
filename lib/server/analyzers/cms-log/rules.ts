import "server-only";
import type { Confidence, ScenarioId, Severity } from "@/lib/domain/findings";
import { fixFor } from "@/lib/domain/fix-steps";

// The CMS event-log signatures the domain brief names, one rule each. A line is claimed by the
// first rule that matches, so the specific signatures (T1's "ICE failure 4", T2's web bridge
// link lines) come before the broad keyword rules that only hint at a scenario.

export interface CmsRule {
  id: string;
  severity: Severity;
  scenarioIds: ScenarioId[];
  domainIds: string[];
  confidence: Confidence;
  title: string;
  /** The subject of a matching line (call number, host name, link) or null when it does not match. */
  match(message: string): string | null;
  /** The finding's detail from the subjects seen (subject → count) and the number of lines. */
  describe(subjects: Map<string, number>, lines: number): string;
  fix: string[];
}

const FAIL =
  /\b(?:fail(?:s|ed|ure)?|error|unable|could not|couldn't|cannot|can't|timed out|time ?out|lost|refused|unreachable|no response)\b/i;
const ICE_FAILURE = /\bICE failure (\d+)(?: \(([^)]{0,200})\))?/i;
const CALL = /\bcall (\d+)/i;
const WB_DNS =
  /web ?bridge connection to "([^"]{0,300})" failed \(DNS failure\)|web ?bridge link (\d+): name resolution for "([^"]{0,300})" failed/i;
const WB_LINK = /failed to establish connection to web ?bridge link (\d+)(?: \(([^)]{0,200})\))?/i;
const WB_CONN = /web ?bridge connection to "([^"]{0,300})" failed(?: \(([^)]{0,200})\))?/i;
const XMPP_SRV = /_xmpp-client/i;
const SRV_MISSING = /no (?:srv )?records?|nxdomain|not found|name resolution/i;
const XMPP = /\bxmpp\b/i;
const TURN = /\bTURN\b/; // upper case only: "turn on", "return" are not TURN
const CERT = /certificate|\bTLS\b|\bSSL\b/i;
const CERT_BAD = /verif|untrusted|not trusted|invalid|expired|fail|error|bad|unknown (?:ca|issuer)/i;
const WEB_BRIDGE = /web ?bridge/i;

function list(subjects: Map<string, number>, limit = 5): string {
  const items = [...subjects.entries()].slice(0, limit).map(([s, n]) => (n > 1 ? `${s} (×${n})` : s));
  const more = subjects.size - items.length;
  return items.join(", ") + (more > 0 ? ` and ${more} more` : "");
}

/** "1 line shows" / "3 lines show". */
const lines = (n: number, verb: string) => (n === 1 ? `1 line ${verb}s` : `${n} lines ${verb}`);

export const CMS_RULES: CmsRule[] = [
  {
    id: "cms-log.ice-unauthorized",
    severity: "fail",
    scenarioIds: ["T1"],
    domainIds: ["C3", "C5"],
    confidence: "high",
    title: "TURN credentials rejected: ICE failure 4 (unauthorized - check credentials)",
    match(m) {
      const ice = ICE_FAILURE.exec(m);
      const unauthorized = ice
        ? ice[1] === "4" || /unauthori[sz]ed/i.test(ice[2] ?? "")
        : /unauthori[sz]ed - check credentials/i.test(m);
      if (!unauthorized) return null;
      const call = CALL.exec(m);
      return call ? `call ${call[1]}` : "a call";
    },
    describe: (s, n) =>
      `${lines(n, "report")} ICE failure 4 on ${list(s)}. Expressway-E refused the TURN username/password the ` +
      "Call Bridge used, so no relay was allocated and media never started (T1). The credentials on the CMS turnServer " +
      "must equal Expressway-E's local authentication database entry.",
    fix: fixFor("T1"),
  },
  {
    id: "cms-log.ice-failure-other",
    severity: "warn",
    scenarioIds: ["T3", "T1"],
    domainIds: ["R6", "R7"],
    confidence: "low",
    title: "ICE failures with other codes",
    match(m) {
      const ice = ICE_FAILURE.exec(m);
      if (!ice) return null;
      return `code ${ice[1]}${ice[2] ? ` (${ice[2]})` : ""}`;
    },
    describe: (s, n) =>
      `${lines(n, "report")} ICE failures: ${list(s)}. The domain brief names only code 4 (credentials, T1); other ` +
      "codes mean no media path was found. Check with a capture whether TURN is reached on UDP 3478 (R6, R7) and whether " +
      "Binding requests to the relay range 24000–29999 are answered (T3).",
    fix: fixFor("T3"),
  },
  {
    id: "cms-log.web-bridge-dns",
    severity: "fail",
    scenarioIds: ["T2"],
    domainIds: ["R9"],
    confidence: "high",
    title: "Call Bridge cannot resolve the Web Bridge name (DNS failure)",
    match(m) {
      const dns = WB_DNS.exec(m);
      return dns ? `"${dns[1] ?? dns[3]}"` : null;
    },
    describe: (s, n) =>
      `${lines(n, "show")} the Call Bridge failing to resolve ${list(s)}. Inside DNS must resolve the Join URL to the ` +
      "Web Bridge, never to Expressway-E (R9); the Call Bridge keeps a cached answer until `dns flush`.",
    fix: fixFor("T2"),
  },
  {
    id: "cms-log.web-bridge-link",
    severity: "fail",
    scenarioIds: ["T2"],
    domainIds: ["R9"],
    confidence: "high",
    title: "Call Bridge failed to establish the web bridge link",
    match(m) {
      const link = WB_LINK.exec(m);
      if (link) return `link ${link[1]}${link[2] ? ` (${link[2]})` : ""}`;
      const conn = WB_CONN.exec(m);
      return conn ? `"${conn[1]}"${conn[2] ? ` (${conn[2]})` : ""}` : null;
    },
    describe: (s, n) =>
      `${lines(n, "show")} failed web bridge links: ${list(s)}. Without a link the Call Bridge cannot offer outside ` +
      "clients the join option (T2). If DNS failures appear alongside, fix DNS first (R9); if not, the usual cause is the " +
      "Web Bridge not trusting the Call Bridge's certificate.",
    fix: fixFor("T2"),
  },
  {
    id: "cms-log.xmpp-srv",
    severity: "fail",
    scenarioIds: ["T4", "T3"],
    domainIds: ["R3"],
    confidence: "medium",
    title: "The _xmpp-client SRV record did not resolve",
    match: (m) => (XMPP_SRV.test(m) && (FAIL.test(m) || SRV_MISSING.test(m)) ? "_xmpp-client SRV" : null),
    describe: (_s, n) =>
      `${lines(n, "show")} the _xmpp-client SRV lookup failing. CMS must always resolve it for the Call Bridge domain on ` +
      'the inside network; when it cannot, outside clients get "Unable to connect" at once (T4) or stall loading media (T3).',
    fix: fixFor("T4"),
  },
  {
    id: "cms-log.xmpp-failure",
    severity: "warn",
    scenarioIds: ["T4", "T3"],
    domainIds: ["R3"],
    confidence: "low",
    title: "XMPP errors",
    match: (m) => (XMPP.test(m) && FAIL.test(m) ? "XMPP" : null),
    describe: (_s, n) =>
      `${lines(n, "report")} XMPP failures. The Web Bridge reaches the Call Bridge through XMPP; if the _xmpp-client ` +
      "SRV record or the XMPP service (R3) fails, joins fail at once (T4) or media never loads (T3).",
    fix: fixFor("T4"),
  },
  {
    id: "cms-log.turn-failure",
    severity: "warn",
    scenarioIds: ["T1", "T3"],
    domainIds: ["C5", "R7"],
    confidence: "low",
    title: "TURN errors",
    match: (m) => (TURN.test(m) && FAIL.test(m) ? "TURN" : null),
    describe: (_s, n) =>
      `${lines(n, "report")} TURN failures. The Call Bridge must reach every Expressway-E's private address on UDP 3478 ` +
      "(R7) with the turnServer credentials (C5); a rejected Allocate shows as T1, an unreachable relay as T3.",
    fix: fixFor("turnUnreachable"),
  },
  {
    id: "cms-log.certificate",
    severity: "warn",
    scenarioIds: ["T2"],
    domainIds: ["C2"],
    confidence: "low",
    title: "Certificate or TLS errors",
    match: (m) => (CERT.test(m) && CERT_BAD.test(m) ? "certificate" : null),
    describe: (_s, n) =>
      `${lines(n, "report")} certificate or TLS failures. The Web Bridge must trust the Call Bridge's own certificate, ` +
      "not only its issuer; otherwise the web bridge link fails (T2).",
    fix: fixFor("T2"),
  },
  {
    id: "cms-log.web-bridge-other",
    severity: "warn",
    scenarioIds: ["T2"],
    domainIds: ["R3"],
    confidence: "medium",
    title: "Other web bridge failures",
    match: (m) => (WEB_BRIDGE.test(m) && FAIL.test(m) ? "web bridge" : null),
    describe: (_s, n) =>
      `${lines(n, "report")} web bridge failures that match no exact T2 signature; outside clients depend on this link ` +
      "to be offered the join option (T2).",
    fix: fixFor("T2"),
  },
];

import "server-only";
import { rankFindings, type Finding } from "@/lib/domain/findings";
import type { CmsLogAnalysis, CmsLogStats } from "@/lib/domain/evidence-details";
import { EvidenceFormatError } from "../errors";
import { EvidenceGroups } from "../evidence-groups";
import { decodeText, kindHint } from "../evidence-input";
import { forEachLine, parseLogLine, type LogLine } from "./line-parser";
import { CMS_RULES } from "./rules";

// CMS event log / Call Bridge status text → T1 (ICE failure 4), T2 (web bridge link and DNS
// failures) and hints for T3/T4 (XMPP, SRV, TURN), pointing at the exact lines.

export type CmsLogResult = CmsLogAnalysis;

/** A log whose first this-many non-empty lines carry no timestamp is not a CMS log. */
const FORMAT_WINDOW = 200;
const MAX_CALLS_LISTED = 200;

/** `buf` is the unpacked upload (evidenceBytes). */
export function analyzeCmsLog(buf: Buffer): CmsLogResult {
  // A NUL near the start means binary (a capture, a zip), unless the text is UTF-16.
  if (buf.subarray(0, 4096).includes(0) && buf[0] !== 0xff && buf[0] !== 0xfe) {
    throw new EvidenceFormatError(
      "cms-log",
      `This is not a CMS event log: it is binary, not text.${kindHint(buf, "cms-log")}`,
    );
  }
  const text = decodeText(buf);
  if (/^\s*[{[]/.test(text.slice(0, 1024))) {
    throw new EvidenceFormatError("cms-log", `This is not a CMS event log: it is JSON.${kindHint(buf, "cms-log")}`);
  }

  const stats: CmsLogStats = {
    lines: 0,
    timestampedLines: 0,
    formats: { "web-ui": 0, syslog: 0, iso: 0 },
    levels: { info: 0, warning: 0, error: 0 },
    firstTime: null,
    lastTime: null,
    matchedLines: 0,
  };
  const groups = CMS_RULES.map(() => new EvidenceGroups());
  const subjects = CMS_RULES.map(() => new Map<string, number>());
  const others = new EvidenceGroups();
  const calls = new Map<string, { line: number; count: number }>();
  let nonEmpty = 0;

  const visit = (raw: string, n: number) => {
    const l: LogLine = parseLogLine(raw, n);
    if (l.message === "") return;
    nonEmpty++;
    if (l.format !== null) {
      stats.timestampedLines++;
      stats.formats[l.format]++;
      stats.firstTime ??= l.time;
      stats.lastTime = l.time;
    } else if (nonEmpty >= FORMAT_WINDOW && stats.timestampedLines === 0) {
      throw new EvidenceFormatError(
        "cms-log",
        `This is not a CMS event log: none of its first ${FORMAT_WINDOW} lines starts with a date and time ` +
          '(expected "2017-04-15<TAB>10:34:56.536<TAB>Warning<TAB>…" from Logs > Event logs, or syslog "Jul 26 14:08:23 user.info …").' +
          kindHint(buf, "cms-log"),
      );
    }
    if (l.level) stats.levels[l.level]++;
    const ref = { line: n, text: l.time ? `${l.time}  ${l.message}` : l.message };
    // "call 7" and "call 8" with the same failure are one problem seen twice.
    const key = l.message.replace(/\bcall \d+/gi, "call N");
    for (let r = 0; r < CMS_RULES.length; r++) {
      const subject = CMS_RULES[r]!.match(l.message);
      if (subject === null) continue;
      stats.matchedLines++;
      groups[r]!.add(key, ref, l.time);
      const s = subjects[r]!;
      if (s.size < 1000 || s.has(subject)) s.set(subject, (s.get(subject) ?? 0) + 1);
      if (subject.startsWith("call ") && calls.size < MAX_CALLS_LISTED) {
        const c = calls.get(subject);
        if (c) c.count++;
        else calls.set(subject, { line: n, count: 1 });
      }
      return;
    }
    if (l.level === "warning" || l.level === "error") others.add(key, ref, l.time);
  };
  stats.lines = forEachLine(text, visit);
  if (stats.timestampedLines === 0) {
    throw new EvidenceFormatError(
      "cms-log",
      nonEmpty === 0
        ? "This CMS event log is empty."
        : `This is not a CMS event log: no line starts with a date and time.${kindHint(buf, "cms-log")}`,
    );
  }

  const findings: Finding[] = [];
  CMS_RULES.forEach((rule, r) => {
    const g = groups[r]!;
    if (g.total === 0) return;
    const evidence = g.evidence();
    findings.push({
      id: rule.id,
      severity: rule.severity,
      scenarioIds: [...rule.scenarioIds],
      domainIds: [...rule.domainIds],
      confidence: rule.confidence,
      title: rule.title,
      detail: rule.describe(subjects[r]!, g.total),
      evidence,
      ...(g.total > evidence.length ? { evidenceTotal: g.total } : {}),
      fix: [...rule.fix],
    });
  });
  if (others.total > 0) {
    const evidence = others.topByCount();
    findings.push({
      id: "cms-log.other-warnings",
      severity: "info",
      scenarioIds: [],
      domainIds: [],
      confidence: "low",
      title: "Other warnings and errors",
      detail: `${others.total} warning/error lines (${others.distinct} distinct) match no T1–T4 signature; the most frequent are listed.`,
      evidence,
      ...(others.total > evidence.length ? { evidenceTotal: others.total } : {}),
      fix: [],
    });
  }
  if (!findings.some((f) => f.severity !== "info")) {
    findings.push({
      id: "cms-log.clean",
      severity: "info",
      scenarioIds: [],
      domainIds: [],
      confidence: "medium",
      title: "No T1/T2 signature in this log",
      detail:
        'Searched for "ICE failure 4 (unauthorized - check credentials)" (T1), web bridge link and DNS failures (T2), and ' +
        "XMPP, _xmpp-client SRV and TURN errors (T3/T4 hints). T3 and T4 often leave no trace in the CMS log: use a capture or webrtc-internals dump.",
      evidence: [],
      fix: [],
    });
  }
  const ranked = rankFindings(findings);
  return {
    kind: "cms-log",
    summary: summarize(ranked.findings, stats),
    scenarioIds: ranked.scenarioIds,
    findings: ranked.findings,
    stats,
    details: {
      iceFailureCalls: [...calls.entries()].map(([call, c]) => ({ call, firstLine: c.line, lines: c.count })),
    },
    notes:
      stats.lines > stats.timestampedLines
        ? [`${stats.lines - stats.timestampedLines} lines carry no timestamp; they were still searched.`]
        : [],
  };
}

function summarize(findings: Finding[], stats: CmsLogStats): string {
  const span = stats.firstTime ? ` (${stats.firstTime} – ${stats.lastTime})` : "";
  const worst = findings.find((f) => f.severity !== "info");
  if (!worst) {
    return `${stats.timestampedLines} log lines${span}: no T1/T2 signature (ICE failure 4, web bridge link or DNS failures) and no XMPP, SRV or TURN errors.`;
  }
  const problems = findings.filter((f) => f.severity !== "info").map((f) => f.title);
  return `${stats.timestampedLines} log lines${span}: ${problems.join("; ")}.`;
}

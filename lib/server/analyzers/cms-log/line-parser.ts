import "server-only";

// Reads one line of a CMS event log in the shapes people paste (api-formats §3c):
//   web UI copy   2017-04-15<TAB>10:34:56.536<TAB>Warning<TAB>call 7: ICE failure 4 (…)
//                 (level column optional; tabs often become spaces when copied from a browser)
//   syslog        Jul 26 14:08:23 user.info Core1 host:server:  INFO : API trace 8889: …
//   ISO syslog    2023-07-26T14:08:23.123Z cms1 host:server: WARNING : …  (RFC 5424 relays)
// Every pattern is anchored and free of nested quantifiers, so a hostile line costs linear time.
// The tail is `(.*)$` with the s flag: without it `.` stops at U+2028/U+2029, `$` fails there, and
// a run of tabs before one is retried at every split (58 ms per 8 KB line, minutes per file).

export type LineFormat = "web-ui" | "syslog" | "iso";
export type LogLevel = "info" | "warning" | "error";

export interface LogLine {
  /** 1-based. */
  line: number;
  /** null: the line carries no timestamp we know (continuation, header, pasted fragment). */
  format: LineFormat | null;
  /** As written in the log, so the engineer can search for it. */
  time: string | null;
  level: LogLevel | null;
  message: string;
}

/** Longer lines are cut for matching and display: no CMS message comes near this. */
export const MAX_LINE_CHARS = 8192;

const WEB_UI = /^(\d{4}-\d{2}-\d{2})[\t ]+(\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)[\t ]+(.*)$/s;
const SYSLOG = /^(?:<\d{1,3}>)?([A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)[\t ]+(.*)$/s;
const ISO =
  /^(?:<\d{1,3}>\d?[\t ]*)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)[\t ]+(.*)$/s;

const UI_LEVEL = /^(Info|Warning|Error|Debug|Notice|Critical|Detail)(?:\t+|[\t ]*:[\t ]+| +)(.*)$/is;
const FACILITY = /^[a-z][a-z0-9]*\.(emerg|alert|crit|err|error|warning|warn|notice|info|debug)[\t ]+(.*)$/is;
const HOST = /^(\S+)[\t ]+(.*)$/s;
/** The program tag CMS writes after the host, e.g. "host:server:". */
const TAG = /^[\w.\-[\]]+(?::[\w.\-[\]]+)*:[\t ]*(.*)$/s;
const SYSLOG_LEVEL = /^(INFO|WARNING|WARN|ERROR|ERR|NOTICE|DEBUG|CRIT|CRITICAL|ALERT|EMERG)[\t ]*:[\t ]*(.*)$/s;

export function normalizeLevel(word: string): LogLevel {
  const w = word.toLowerCase();
  if (w.startsWith("warn")) return "warning";
  if (w.startsWith("err") || w.startsWith("crit") || w === "alert" || w === "emerg") return "error";
  return "info";
}

function syslogRest(rest: string): { level: LogLevel | null; message: string } {
  let level: LogLevel | null = null;
  let msg = rest;
  const facility = FACILITY.exec(msg);
  if (facility) {
    level = normalizeLevel(facility[1]!);
    msg = facility[2]!;
  }
  const host = HOST.exec(msg);
  if (host) {
    const tagged = TAG.exec(host[2]!);
    // Only treat the first word as the host when a program tag follows it; otherwise the
    // relay dropped both and the first word is already the message.
    if (tagged) msg = tagged[1]!;
  }
  const sysLevel = SYSLOG_LEVEL.exec(msg);
  if (sysLevel) {
    level = normalizeLevel(sysLevel[1]!);
    msg = sysLevel[2]!;
  }
  return { level, message: msg.trim() };
}

/** Parses one line (without its line break). Total: any string gives a LogLine. */
export function parseLogLine(raw: string, line: number): LogLine {
  const text = raw.length > MAX_LINE_CHARS ? raw.slice(0, MAX_LINE_CHARS) : raw;
  const ui = WEB_UI.exec(text);
  if (ui) {
    const lv = UI_LEVEL.exec(ui[3]!);
    return {
      line,
      format: "web-ui",
      time: `${ui[1]} ${ui[2]}`,
      level: lv ? normalizeLevel(lv[1]!) : null,
      message: (lv ? lv[2]! : ui[3]!).trim(),
    };
  }
  const bsd = SYSLOG.exec(text);
  const sys = bsd ?? ISO.exec(text);
  if (sys) {
    const { level, message } = syslogRest(sys[2]!);
    return { line, format: bsd ? "syslog" : "iso", time: sys[1]!, level, message };
  }
  return { line, format: null, time: null, level: null, message: text.trim() };
}

/**
 * Calls `visit` for every line, without splitting the whole text into an array first (a
 * 64 MB log would otherwise hold millions of strings at once). Handles \n, \r\n and \r.
 */
export function forEachLine(text: string, visit: (raw: string, line: number) => void): number {
  let line = 0;
  let start = 0;
  const n = text.length;
  // Next known positions of each break; refreshed only once passed, so a file without any
  // \r does not rescan to its end for every line.
  let lf = -2;
  let cr = -2;
  while (start < n) {
    if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
    if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
    const end = lf < 0 && cr < 0 ? n : lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    line++;
    visit(text.slice(start, end), line);
    if (end >= n) break;
    start = text[end] === "\r" && text[end + 1] === "\n" ? end + 2 : end + 1;
  }
  return line;
}

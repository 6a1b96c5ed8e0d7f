// What a non-green board area says, in words a NOC reads from across a room (pure, unit-tested):
// node and reason first, the domain ID last ("vcs-e1: tunnel Inactive · V3"), at most two lines.
// Never a check's title: titles say what is checked, not what is wrong.
import type { FailingItem } from "./failing-items";

/** One line's subject: on which node (null: the deployment as a whole) and why. */
type Said = { node: string | null; reason: string };

/** Lines an area shows under its name; more items fold into "+N more" on the last line. */
export const AREA_MAX_LINES = 2;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * A node's name as the board says it: its first DNS label ("vcs-e1.example.local" → "vcs-e1")
 * when no other node of the deployment shares that label; addresses and unique-only-in-full
 * names stay whole, so two nodes are never shown under one name.
 */
export function shortNodeName(name: string, all: readonly string[]): string {
  const host = name.trim().replace(/\.$/, "");
  if (IPV4.test(host) || host.includes(":") || !host.includes(".")) return host;
  const label = host.split(".")[0]!;
  const clash = all.some(
    (o) => o !== name && o.trim().replace(/\.$/, "").split(".")[0]!.toLowerCase() === label.toLowerCase(),
  );
  return clash ? host : label;
}

/** "vcs-e1: tunnel Inactive · V3" — node, reason, then the domain ID when there is one. */
export function problemLine(p: Said, domainId: string | null, nodeNames: readonly string[]): string {
  const who = p.node ? `${shortNodeName(p.node, nodeNames)}: ` : "";
  return `${who}${p.reason}${domainId ? ` · ${domainId}` : ""}`;
}

/** What a check says on the board: its items that have wall words one per line, else its one-sentence summary. */
export interface CheckWords {
  items?: readonly FailingItem[];
  summary: string;
  domainIds?: readonly string[];
}

export function checkLines(c: CheckWords, nodeNames: readonly string[]): string[] {
  const id = c.domainIds?.[0] ?? null;
  const worded = (c.items ?? []).filter((x): x is FailingItem & Said => x.reason !== undefined);
  if (worded.length) return worded.map((p) => problemLine(p, id, nodeNames));
  return [problemLine({ node: null, reason: c.summary.replace(/\.$/, "") }, id, nodeNames)];
}

const CODE_WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "name not found",
  EAI_AGAIN: "name lookup failed",
  EPIPE: "connection closed",
  UND_ERR_SOCKET: "connection closed",
  UND_ERR_CLOSED: "connection closed",
};

/**
 * A poll failure in a few words for the wall: "timed out (UND_ERR_HEADERS_TIMEOUT): Headers
 * Timeout Error" → "timed out", "ECONNREFUSED: connect …" → "connection refused", "HTTP 500 from
 * /getxml?…" → "HTTP 500". The whole message stays on the deployment page.
 */
export function wallReason(message: string): string {
  const m = message.trim();
  const code = /^([A-Z][A-Z0-9_]+):/.exec(m)?.[1];
  if (code && CODE_WORDS[code]) return CODE_WORDS[code];
  // No leading \s* or trailing .*$: on a long run of spaces those are retried from every position.
  const bare = m.replace(/\s?\((?:[A-Z0-9_]{1,64}|deadline)\)/g, "");
  const from = bare.search(/\sfrom\s\//);
  const head = from >= 0 ? bare.slice(0, from) : bare;
  const colon = head.indexOf(": ");
  return (colon >= 4 ? head.slice(0, colon) : head).trim() || m;
}

/** A failing or stale source's line: "vcs-e1: HTTP 500". */
export function sourceLine(node: string, message: string, nodeNames: readonly string[]): string {
  return problemLine({ node, reason: wallReason(message) }, null, nodeNames);
}

/** At most `max` lines; when more, the last says how many are left out ("+3 more"). */
export function fitLines(lines: readonly string[], max = AREA_MAX_LINES): string[] {
  const unique = [...new Set(lines)];
  if (unique.length <= max) return unique;
  const kept = unique.slice(0, max - 1);
  const last = unique[max - 1]!;
  return [...kept, `${last} (+${unique.length - max} more)`];
}

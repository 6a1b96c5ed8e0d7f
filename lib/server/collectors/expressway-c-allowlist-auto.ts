import "server-only";
import * as source from "@/lib/domain/sources/expressway-c-allowlist-auto";
import { z } from "zod";
import { ALLOWLIST_ALIASES, ALLOWLIST_AUTO } from "@/lib/domain/sources/expressway-c-allowlist-auto";
import { parseGetxml } from "@/lib/server/parsing/cuil";
import { optText, port, text } from "@/lib/server/parsing/fields";
import { describeMatches, entryElements, pickAliases, readFields, type XmlElement } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { readCuilSource } from "./expressway-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector, type Traced } from "./types";

// Expressway-C HTTP allow list, automatic inbound rules (V2). Entry shape [I]: see the format file.
const ruleSchema = z.object({ description: optText, protocol: text, port, matchType: optText, path: text });
export type AllowRule = source.AllowListRule;
export interface AllowListAuto extends Traced, source.Content {}

/** Method[n] children, or a comma-separated text ("GET, POST, …" as the web UI shows it). */
function methodsOf(rule: XmlElement, methodsName: string): string[] {
  const m = rule.child(methodsName);
  if (!m) return [];
  const list = m.children(ALLOWLIST_AUTO.method).map((x) => x.text() ?? "");
  const words = list.length ? list : (m.text() ?? "").split(",");
  return words
    .map((w) => w.trim().toUpperCase())
    .filter(Boolean)
    .sort();
}

export function parseAllowListAuto(xml: string): Result<AllowListAuto> {
  const container = parseGetxml(xml, ALLOWLIST_AUTO.location);
  if (!container.ok) return container;
  const rules: AllowRule[] = [];
  const matches: Record<string, string>[] = [];
  for (const entry of entryElements(container.value)) {
    const { methods, ...fields } = pickAliases(entry, ALLOWLIST_ALIASES);
    const r = readFields(entry, fields, ruleSchema, xml);
    if (!r.ok) return r;
    rules.push({ ...r.value, protocol: r.value.protocol.toLowerCase(), methods: methodsOf(entry, methods!) });
    matches.push({ entry: entry.name, ...fields, methods: methods! });
  }
  const matched: Record<string, string> = matches.length ? { "rule entry": describeMatches(matches) } : {};
  return ok({ rules: sortedBy(rules, (r) => `${r.description ?? ""} ${r.protocol} ${r.port} ${r.path}`), matched });
}

const SOURCE = source.id;
export const expresswayCAllowListAuto = defineCollector<AllowListAuto, source.Id>({
  id: SOURCE,
  area: "allowlist",
  title: "HTTP allow list: automatic inbound rules",
  roles: ["EXPRESSWAY_C"],
  domainIds: ["V2"],
  intervalMs: (env) => env.EDGESCOPE_CONFIG_INTERVAL_MS,
  collect: ({ endpoint }) =>
    readCuilSource<AllowListAuto>(endpoint, ALLOWLIST_AUTO.location, "automatic allow-list rules", parseAllowListAuto, {
      rules: [],
    }),
  ...snapshotStorage<AllowListAuto>(SOURCE),
});

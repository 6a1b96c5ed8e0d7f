import "server-only";
import { z } from "zod";
import { ALLOWLIST_AUTO } from "@/lib/server/formats/expressway-c-allowlist-auto";
import { getxmlPath, parseGetxml } from "@/lib/server/parsing/cuil";
import { optText, port, text } from "@/lib/server/parsing/fields";
import { entryElements, readFields, type XmlElement } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { getText } from "@/lib/server/transport/http-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// Expressway-C HTTP allow list, automatic inbound rules (V2). Entry shape [I]: see the format file.
const ruleSchema = z.object({ description: optText, protocol: text, port, matchType: optText, path: text });
export type AllowRule = z.infer<typeof ruleSchema> & { methods: string[] };
export interface AllowListAuto {
  rules: AllowRule[];
}

/** Method[n] children, or a comma-separated text ("GET, POST, …" as the web UI shows it). */
function methodsOf(rule: XmlElement): string[] {
  const m = rule.child(ALLOWLIST_AUTO.methods);
  if (!m) return [];
  const list = m.children(ALLOWLIST_AUTO.method).map((x) => x.text() ?? "");
  const words = list.length ? list : (m.text() ?? "").split(",");
  return words.map((w) => w.trim().toUpperCase()).filter(Boolean).sort();
}

export function parseAllowListAuto(xml: string): Result<AllowListAuto> {
  const container = parseGetxml(xml, ALLOWLIST_AUTO.location);
  if (!container.ok) return container;
  const { description, protocol, port: p, matchType, path } = ALLOWLIST_AUTO;
  const rules: AllowRule[] = [];
  for (const entry of entryElements(container.value)) {
    const r = readFields(entry, { description, protocol, port: p, matchType, path }, ruleSchema, xml);
    if (!r.ok) return r;
    rules.push({ ...r.value, protocol: r.value.protocol.toLowerCase(), methods: methodsOf(entry) });
  }
  return ok({ rules: sortedBy(rules, (r) => `${r.description ?? ""} ${r.protocol} ${r.port} ${r.path}`) });
}

const SOURCE = "expressway-c.allowlist-auto";
export const expresswayCAllowListAuto = defineCollector<AllowListAuto>({
  id: SOURCE,
  area: "allowlist",
  title: "HTTP allow list: automatic inbound rules",
  roles: ["EXPRESSWAY_C"],
  domainIds: ["V2"],
  intervalMs: (env) => env.EDGESCOPE_CONFIG_INTERVAL_MS,
  async collect({ endpoint }) {
    const res = await getText(endpoint, getxmlPath(ALLOWLIST_AUTO.location));
    return res.ok ? parseAllowListAuto(res.value.body) : res;
  },
  ...snapshotStorage<AllowListAuto>(SOURCE),
});

import "server-only";
import * as source from "@/lib/domain/sources/expressway-c-tunnels";
import { z } from "zod";
import { TUNNEL_ALIASES, TUNNELS } from "@/lib/domain/sources/expressway-c-tunnels";
import { parseGetxml } from "@/lib/server/parsing/cuil";
import { optText, text } from "@/lib/server/parsing/fields";
import { describeMatches, entryElements, readAliasedFields } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { readCuilSource } from "./expressway-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector, type Traced } from "./types";

// Expressway-C SSH tunnels to each Expressway-E node (V3, R2). Entry shape [I]: see the format file.
const tunnelSchema = z.object({ target: text, domain: optText, status: text });
export type Tunnel = source.Tunnel;
export interface Tunnels extends Traced, source.Content {}

export function parseTunnels(xml: string): Result<Tunnels> {
  const container = parseGetxml(xml, TUNNELS.location);
  if (!container.ok) return container;
  const tunnels: Tunnel[] = [];
  const matches: Record<string, string>[] = [];
  for (const entry of entryElements(container.value)) {
    const r = readAliasedFields(entry, TUNNEL_ALIASES, tunnelSchema, xml);
    if (!r.ok) return r;
    tunnels.push(r.value.value);
    matches.push({ entry: entry.name, ...r.value.matched });
  }
  const matched: Record<string, string> = matches.length ? { "tunnel entry": describeMatches(matches) } : {};
  return ok({ tunnels: sortedBy(tunnels, (t) => `${t.target} ${t.domain ?? ""}`), matched });
}

const SOURCE = source.id;
export const expresswayCTunnels = defineCollector<Tunnels, source.Id>({
  id: SOURCE,
  area: "tunnels",
  title: "SSH tunnels to Expressway-E",
  roles: ["EXPRESSWAY_C"],
  domainIds: ["V3", "R2"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  collect: ({ endpoint }) =>
    readCuilSource<Tunnels>(endpoint, TUNNELS.location, "SSH tunnels", parseTunnels, { tunnels: [] }),
  ...snapshotStorage<Tunnels>(SOURCE),
});

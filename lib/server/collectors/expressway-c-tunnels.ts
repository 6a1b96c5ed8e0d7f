import "server-only";
import { z } from "zod";
import { TUNNELS } from "@/lib/server/formats/expressway-c-tunnels";
import { getxmlPath, parseGetxml } from "@/lib/server/parsing/cuil";
import { optText, text } from "@/lib/server/parsing/fields";
import { readEntries } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { getText } from "@/lib/server/transport/http-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// Expressway-C SSH tunnels to each Expressway-E node (V3, R2). Entry shape [I]: see the format file.
const tunnelSchema = z.object({ target: text, domain: optText, status: text });
export type Tunnel = z.infer<typeof tunnelSchema>;
export interface Tunnels {
  tunnels: Tunnel[];
}

export function parseTunnels(xml: string): Result<Tunnels> {
  const container = parseGetxml(xml, TUNNELS.location);
  if (!container.ok) return container;
  const entries = readEntries(container.value, { target: TUNNELS.target, domain: TUNNELS.domain, status: TUNNELS.status }, tunnelSchema, xml);
  if (!entries.ok) return entries;
  return ok({ tunnels: sortedBy(entries.value, (t) => `${t.target} ${t.domain ?? ""}`) });
}

const SOURCE = "expressway-c.tunnels";
export const expresswayCTunnels = defineCollector<Tunnels>({
  id: SOURCE,
  area: "tunnels",
  title: "SSH tunnels to Expressway-E",
  roles: ["EXPRESSWAY_C"],
  domainIds: ["V3", "R2"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  async collect({ endpoint }) {
    const res = await getText(endpoint, getxmlPath(TUNNELS.location));
    return res.ok ? parseTunnels(res.value.body) : res;
  },
  ...snapshotStorage<Tunnels>(SOURCE),
});

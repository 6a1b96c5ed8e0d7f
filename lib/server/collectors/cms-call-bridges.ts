import "server-only";
import * as source from "@/lib/domain/sources/cms-call-bridges";
import { z } from "zod";
import { CALL_BRIDGE, callBridgePath } from "@/lib/domain/sources/cms-call-bridges";
import { COLLECTIONS } from "@/lib/domain/sources/cms-api";
import { parseCmsDocument } from "@/lib/server/parsing/cms-xml";
import { optText } from "@/lib/server/parsing/fields";
import { readFields } from "@/lib/server/parsing/xml";
import type { PartNote } from "@/lib/domain/source-parts";
import { ok, type Result } from "@/lib/server/transport/failure";
import { forEachItem, getCmsCollection, getCmsParsed } from "./cms-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS callBridges [C] (TAC 212298): the Call Bridges of a cluster with their API address (R3).
// Each detail is a part of its own: one that fails keeps the bridge with its listed name.
const schema = z.object({ name: optText, address: optText, sipDomain: optText });
export type CallBridge = source.CallBridge;
export type CallBridges = source.Content;

export function parseCallBridge(xml: string): Result<z.infer<typeof schema>> {
  const doc = parseCmsDocument(xml, COLLECTIONS.callBridges.item);
  return doc.ok ? readFields(doc.value, CALL_BRIDGE, schema, xml) : doc;
}

const SOURCE = source.id;
export const cmsCallBridges = defineCollector<CallBridges, source.Id>({
  id: SOURCE,
  area: "cms",
  title: "Call Bridges",
  roles: ["CMS"],
  domainIds: ["R3"],
  intervalMs: (env) => env.EDGESCOPE_CONFIG_INTERVAL_MS,
  async collect({ endpoint }) {
    const items = await getCmsCollection(endpoint, COLLECTIONS.callBridges);
    if (!items.ok) return items;
    const parts: PartNote[] = [];
    const details = await forEachItem(items.value, async ({ id, el }) => {
      const r = await getCmsParsed(endpoint, callBridgePath(id), parseCallBridge);
      if (r.ok) return ok({ id, ...r.value });
      const f = r.failure;
      parts.push({
        part: `callBridge ${id} detail`,
        location: callBridgePath(id),
        state: f.httpStatus === 404 ? "unavailable" : "failed",
        reason: f.httpStatus === 404 ? f.message : `${f.kind}: ${f.message}`,
      });
      return ok({ id, name: el.textAt(CALL_BRIDGE.name) ?? null, address: null, sipDomain: null });
    });
    if (!details.ok) return details;
    return ok({ callBridges: sortedBy(details.value, (b) => b.id), parts: sortedBy(parts, (p) => p.location) });
  },
  ...snapshotStorage<CallBridges>(SOURCE),
});

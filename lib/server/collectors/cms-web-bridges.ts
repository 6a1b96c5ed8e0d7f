import "server-only";
import { z } from "zod";
import { COLLECTIONS } from "@/lib/server/formats/cms-api";
import { WEB_BRIDGE, webBridgePath, webBridgeStatusPath } from "@/lib/server/formats/cms-web-bridges";
import { parseCmsDocument } from "@/lib/server/parsing/cms-xml";
import { optText } from "@/lib/server/parsing/fields";
import { readFields, type XmlElement } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { forEachItem, getCmsCollection, getCmsParsed } from "./cms-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS webBridges [C] (R3) with their status where the endpoint exists (3.x; fields [I], so every
// leaf is kept as name → text).
const schema = z.object({ url: optText, resourceArchive: optText });
export type WebBridge = z.infer<typeof schema> & { id: string; status: Record<string, string> | null };
export interface WebBridges {
  webBridges: WebBridge[];
}

export function parseWebBridge(xml: string): Result<z.infer<typeof schema>> {
  const doc = parseCmsDocument(xml, COLLECTIONS.webBridges.item);
  return doc.ok ? readFields(doc.value, WEB_BRIDGE, schema, xml) : doc;
}

/** Leaf elements as "a/b" → text, whatever the (unconfirmed) status shape is. */
function leaves(el: XmlElement, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  for (const name of el.childNames()) {
    el.children(name).forEach((c, i, all) => {
      const key = `${prefix}${name}${all.length > 1 ? `[${i + 1}]` : ""}`;
      if (c.childNames().length) leaves(c, `${key}/`, out);
      else out[key] = c.text() ?? "";
    });
  }
  return out;
}

export function parseWebBridgeStatus(xml: string): Result<Record<string, string>> {
  const doc = parseCmsDocument(xml);
  return doc.ok ? ok(leaves(doc.value)) : doc;
}

const SOURCE = "cms.web-bridges";
export const cmsWebBridges = defineCollector<WebBridges>({
  id: SOURCE,
  area: "cms",
  title: "Web Bridges",
  roles: ["CMS"],
  domainIds: ["R3"],
  intervalMs: (env) => env.EDGESCOPE_CONFIG_INTERVAL_MS,
  async collect({ endpoint }) {
    const items = await getCmsCollection(endpoint, COLLECTIONS.webBridges);
    if (!items.ok) return items;
    const all = await forEachItem(items.value, async ({ id }): Promise<Result<WebBridge>> => {
      const [detail, status] = await Promise.all([getCmsParsed(endpoint, webBridgePath(id), parseWebBridge), getCmsParsed(endpoint, webBridgeStatusPath(id), parseWebBridgeStatus)]);
      if (!detail.ok) return detail;
      // No status endpoint before CMS 3.x: 404 means "not available", not a failure.
      if (!status.ok && status.failure.httpStatus !== 404) return status;
      return ok({ id, ...detail.value, status: status.ok ? status.value : null });
    });
    return all.ok ? ok({ webBridges: sortedBy(all.value, (w) => w.id) }) : all;
  },
  ...snapshotStorage<WebBridges>(SOURCE),
});

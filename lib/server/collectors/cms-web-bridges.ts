import "server-only";
import * as source from "@/lib/domain/sources/cms-web-bridges";
import { z } from "zod";
import { WEB_BRIDGE_STATUSES } from "@/lib/domain/cms-alarms";
import type { PartNote } from "@/lib/domain/source-parts";
import { COLLECTIONS } from "@/lib/domain/sources/cms-api";
import {
  WEB_BRIDGE,
  WEB_BRIDGE_STATUS,
  webBridgePath,
  webBridgeStatusPath,
} from "@/lib/domain/sources/cms-web-bridges";
import { parseCmsDocument } from "@/lib/server/parsing/cms-xml";
import { optText } from "@/lib/server/parsing/fields";
import { readFields, type XmlElement } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { forEachItem, getCmsCollection, getCmsParsed } from "./cms-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS webBridges [C] (R3) with their status where the endpoint exists (2.2+): Cisco's status word
// (unused | success | connectionFailure | dnsFailure; lib/domain/cms-alarms.ts says what each
// means), plus every other leaf as name → text, since the rest of the answer is unconfirmed.
const schema = z.object({ url: optText, resourceArchive: optText });
export type WebBridgeStatusReading = source.WebBridgeStatusReading;
export type WebBridge = source.WebBridge;
export type WebBridges = source.Content;

export function parseWebBridge(xml: string): Result<z.infer<typeof schema>> {
  const doc = parseCmsDocument(xml, COLLECTIONS.webBridges.item);
  return doc.ok ? readFields(doc.value, WEB_BRIDGE, schema, xml) : doc;
}

/** Leaf elements as "a/b" → text. */
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

export function parseWebBridgeStatus(xml: string): Result<WebBridgeStatusReading> {
  const doc = parseCmsDocument(xml);
  if (!doc.ok) return doc;
  // The root itself may be <status> (a bare answer), else the first <status> leaf below it.
  const el =
    doc.value.name === WEB_BRIDGE_STATUS.status
      ? doc.value
      : doc.value.descendants(WEB_BRIDGE_STATUS.status).find((s) => s.childNames().length === 0);
  const status = el?.text()?.trim() || null;
  return ok({
    status,
    documented: status !== null && (WEB_BRIDGE_STATUSES as readonly string[]).includes(status),
    leaves: leaves(doc.value),
  });
}

const SOURCE = source.id;
export const cmsWebBridges = defineCollector<WebBridges, source.Id>({
  id: SOURCE,
  area: "cms",
  title: "Web Bridges",
  roles: ["CMS"],
  domainIds: ["R3"],
  intervalMs: (env) => env.EDGESCOPE_CONFIG_INTERVAL_MS,
  async collect({ endpoint }) {
    const items = await getCmsCollection(endpoint, COLLECTIONS.webBridges);
    if (!items.ok) return items;
    const parts: PartNote[] = [];
    const all = await forEachItem(items.value, async ({ id, el }): Promise<Result<WebBridge>> => {
      const [detail, status] = await Promise.all([
        getCmsParsed(endpoint, webBridgePath(id), parseWebBridge),
        getCmsParsed(endpoint, webBridgeStatusPath(id), parseWebBridgeStatus),
      ]);
      // A detail that fails keeps the bridge with the url the list gave: its own part.
      const base = detail.ok ? detail.value : { url: el.textAt(WEB_BRIDGE.url) ?? null, resourceArchive: null };
      if (!detail.ok)
        parts.push({
          part: `webBridge ${id} detail`,
          location: webBridgePath(id),
          state: "failed",
          reason: `${detail.failure.kind}: ${detail.failure.message}`,
        });
      if (!status.ok) {
        // 404: no status endpoint before CMS 2.2 — not on this version; anything else failed this time.
        const f = status.failure;
        parts.push({
          part: `webBridge ${id} status`,
          location: webBridgeStatusPath(id),
          state: f.httpStatus === 404 ? "unavailable" : "failed",
          reason: f.httpStatus === 404 ? f.message : `${f.kind}: ${f.message}`,
        });
      }
      return ok({ id, ...base, status: status.ok ? status.value : null });
    });
    return all.ok
      ? ok({ webBridges: sortedBy(all.value, (w) => w.id), parts: sortedBy(parts, (p) => p.location) })
      : all;
  },
  ...snapshotStorage<WebBridges>(SOURCE),
});

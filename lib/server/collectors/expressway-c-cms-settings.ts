import "server-only";
import * as source from "@/lib/domain/sources/expressway-c-cms-settings";
import { z } from "zod";
import type { PartNote } from "@/lib/domain/source-parts";
import {
  CMS_RESOLVED,
  CMS_RESOLVED_ALIASES,
  CMS_SETTINGS,
  OFF_VALUES,
  ON_VALUES,
} from "@/lib/domain/sources/expressway-c-cms-settings";
import { getxmlPath, parseGetxml } from "@/lib/server/parsing/cuil";
import { optText, text } from "@/lib/server/parsing/fields";
import { describeMatches, entryElements, pickAliases, readFields, validateExtracted } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { getText } from "@/lib/server/transport/http-client";
import { getCuilText, partNote } from "./expressway-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector, type Traced } from "./types";

// Expressway-C "Cisco Meeting Server" page: web proxy on, Guest account client URI = Join URL (C1),
// and the Web Bridge name → address table it resolved (V1). Two requests, two parts: the settings
// location is invented [I] and may be refused, the resolved table's container is documented [C];
// each part is kept or marked missing on its own (see the format file).
export type ResolvedWebBridge = source.ResolvedWebBridge;
export interface CmsSettings extends Traced, source.Content {}
type Settings = { webProxyEnabled: boolean; guestAccountClientUri: string | null };

const onOff = z.string().transform((v, ctx) => {
  const w = v.trim().toLowerCase();
  if (ON_VALUES.includes(w)) return true;
  if (OFF_VALUES.includes(w)) return false;
  ctx.addIssue({ code: "custom", message: "expected On or Off" });
  return z.NEVER;
});
const settingsSchema = z.object({ webProxyEnabled: onOff, guestAccountClientUri: optText });

export function parseCmsSettingsConfig(xml: string): Result<Settings> {
  const el = parseGetxml(xml, CMS_SETTINGS.location);
  if (!el.ok) return el;
  const { webProxy, webProxyMode, guestAccountClientUri } = CMS_SETTINGS;
  const modePath = `${webProxy}/${webProxyMode}`;
  // <WebProxy><Mode>On</Mode></WebProxy>, or a bare <WebProxy>On</WebProxy>.
  const mode = el.value.textAt(modePath) ?? el.value.textAt(webProxy);
  const raw = { webProxyEnabled: mode, guestAccountClientUri: el.value.textAt(guestAccountClientUri) };
  const paths = {
    webProxyEnabled: `${el.value.path}/${modePath}`,
    guestAccountClientUri: `${el.value.path}/${guestAccountClientUri}`,
  };
  return validateExtracted(settingsSchema, raw, paths, xml);
}

/** The resolved table, and which child names its entries used (any entry element name is accepted). */
export function parseCmsResolved(xml: string): Result<ResolvedWebBridge[]> {
  const r = parseCmsResolvedTraced(xml);
  return r.ok ? ok(r.value.rows) : r;
}

export function parseCmsResolvedTraced(xml: string): Result<{ rows: ResolvedWebBridge[]; matched: string }> {
  const el = parseGetxml(xml, CMS_RESOLVED.location);
  if (!el.ok) return el;
  const rows: ResolvedWebBridge[] = [];
  const matches: Record<string, string>[] = [];
  for (const entry of entryElements(el.value)) {
    const m = pickAliases(entry, CMS_RESOLVED_ALIASES);
    const r = readFields(entry, { name: m.name! }, z.object({ name: text }), xml);
    if (!r.ok) return r;
    matches.push({ entry: entry.name, ...m });
    // One entry may list several addresses; a name that did not resolve has none.
    const addresses = entry
      .children(m.address!)
      .map((a) => a.text()?.trim() ?? "")
      .filter(Boolean);
    for (const address of addresses) rows.push({ name: r.value.name, address });
  }
  return ok({ rows: sortedBy(rows, (r) => `${r.name} ${r.address}`), matched: describeMatches(matches) });
}

const SOURCE = source.id;
export const expresswayCCmsSettings = defineCollector<CmsSettings, source.Id>({
  id: SOURCE,
  area: "allowlist",
  title: "Meeting Server web proxy settings",
  roles: ["EXPRESSWAY_C"],
  domainIds: ["C1", "V1"],
  intervalMs: (env) => env.EDGESCOPE_CONFIG_INTERVAL_MS,
  async collect({ endpoint }) {
    const [config, status] = await Promise.all([
      getText(endpoint, getxmlPath(CMS_SETTINGS.location)),
      getCuilText(endpoint, CMS_RESOLVED.location),
    ]);
    const settings = config.ok ? parseCmsSettingsConfig(config.value.body) : config;
    const resolved = status.ok ? parseCmsResolvedTraced(status.value.body) : status;
    // Both parts failing for a reason other than "not on this version" is the node failing: a red poll.
    if (!settings.ok && !resolved.ok && (!settings.failure.notAvailable || !resolved.failure.notAvailable))
      return resolved.failure.notAvailable ? settings : resolved;
    const parts: PartNote[] = [];
    if (!settings.ok)
      parts.push(partNote("settings (web proxy, Guest account client URI)", CMS_SETTINGS.location, settings.failure));
    if (!resolved.ok) parts.push(partNote("resolved Web Bridge table", CMS_RESOLVED.location, resolved.failure));
    const matched: Record<string, string> = {};
    if (settings.ok) matched[CMS_SETTINGS.location] = "getxml";
    if (resolved.ok && status.ok) {
      matched[CMS_RESOLVED.location] = status.value.via;
      if (resolved.value.matched) matched["CMSs entry"] = resolved.value.matched;
    }
    return ok({
      webProxyEnabled: settings.ok ? settings.value.webProxyEnabled : null,
      guestAccountClientUri: settings.ok ? settings.value.guestAccountClientUri : null,
      resolved: resolved.ok ? resolved.value.rows : null,
      parts,
      matched,
    });
  },
  ...snapshotStorage<CmsSettings>(SOURCE),
});

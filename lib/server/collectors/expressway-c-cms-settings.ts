import "server-only";
import { z } from "zod";
import { CMS_RESOLVED, CMS_SETTINGS, OFF_VALUES, ON_VALUES } from "@/lib/server/formats/expressway-c-cms";
import { getxmlPath, parseGetxml } from "@/lib/server/parsing/cuil";
import { optText, text } from "@/lib/server/parsing/fields";
import { entryElements, readFields, validateExtracted } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { getText } from "@/lib/server/transport/http-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// Expressway-C "Cisco Meeting Server" page: web proxy on, Guest account client URI = Join URL (C1),
// and the Web Bridge name → address table it resolved (V1). Both shapes [I]: see the format file.
export interface ResolvedWebBridge {
  name: string;
  address: string;
}
export interface CmsSettings {
  webProxyEnabled: boolean;
  guestAccountClientUri: string | null;
  resolved: ResolvedWebBridge[];
}

const onOff = z.string().transform((v, ctx) => {
  const w = v.trim().toLowerCase();
  if (ON_VALUES.includes(w)) return true;
  if (OFF_VALUES.includes(w)) return false;
  ctx.addIssue({ code: "custom", message: "expected On or Off" });
  return z.NEVER;
});
const settingsSchema = z.object({ webProxyEnabled: onOff, guestAccountClientUri: optText });

export function parseCmsSettingsConfig(xml: string): Result<Omit<CmsSettings, "resolved">> {
  const el = parseGetxml(xml, CMS_SETTINGS.location);
  if (!el.ok) return el;
  const { webProxy, webProxyMode, guestAccountClientUri } = CMS_SETTINGS;
  const modePath = `${webProxy}/${webProxyMode}`;
  // <WebProxy><Mode>On</Mode></WebProxy>, or a bare <WebProxy>On</WebProxy>.
  const mode = el.value.textAt(modePath) ?? el.value.textAt(webProxy);
  const raw = { webProxyEnabled: mode, guestAccountClientUri: el.value.textAt(guestAccountClientUri) };
  const paths = { webProxyEnabled: `${el.value.path}/${modePath}`, guestAccountClientUri: `${el.value.path}/${guestAccountClientUri}` };
  return validateExtracted(settingsSchema, raw, paths, xml);
}

export function parseCmsResolved(xml: string): Result<ResolvedWebBridge[]> {
  const el = parseGetxml(xml, CMS_RESOLVED.location);
  if (!el.ok) return el;
  const rows: ResolvedWebBridge[] = [];
  for (const entry of entryElements(el.value)) {
    const r = readFields(entry, { name: CMS_RESOLVED.name, address: CMS_RESOLVED.address }, z.object({ name: text, address: z.string().optional() }), xml);
    if (!r.ok) return r;
    // One entry may list several addresses; a name that did not resolve has none.
    const addresses = entry.children(CMS_RESOLVED.address).map((a) => a.text()?.trim() ?? "").filter(Boolean);
    for (const address of addresses) rows.push({ name: r.value.name, address });
  }
  return ok(sortedBy(rows, (r) => `${r.name} ${r.address}`));
}

const SOURCE = "expressway-c.cms-settings";
export const expresswayCCmsSettings = defineCollector<CmsSettings>({
  id: SOURCE,
  area: "allowlist",
  title: "Meeting Server web proxy settings",
  roles: ["EXPRESSWAY_C"],
  domainIds: ["C1", "V1"],
  intervalMs: (env) => env.EDGESCOPE_CONFIG_INTERVAL_MS,
  async collect({ endpoint }) {
    const [config, status] = await Promise.all([getText(endpoint, getxmlPath(CMS_SETTINGS.location)), getText(endpoint, getxmlPath(CMS_RESOLVED.location))]);
    if (!config.ok) return config;
    if (!status.ok) return status;
    const settings = parseCmsSettingsConfig(config.value.body);
    if (!settings.ok) return settings;
    const resolved = parseCmsResolved(status.value.body);
    return resolved.ok ? ok({ ...settings.value, resolved: resolved.value }) : resolved;
  },
  ...snapshotStorage<CmsSettings>(SOURCE),
});

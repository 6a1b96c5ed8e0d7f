import "server-only";
import * as source from "@/lib/domain/sources/expressway-system";
import { z } from "zod";
import {
  FULL_STATUS_PATH,
  ROOT_PRODUCT_ATTR,
  ROOT_VERSION_ATTR,
  SYSTEM_UNIT,
} from "@/lib/domain/sources/expressway-system";
import { getxmlPath, isXPathError, parseGetxmlDoc } from "@/lib/server/parsing/cuil";
import { optCount, optText } from "@/lib/server/parsing/fields";
import { parseXml, readFields } from "@/lib/server/parsing/xml";
import { excerptOf, fail, ok, type Result } from "@/lib/server/transport/failure";
import { getText } from "@/lib/server/transport/http-client";
import { latestSystemSamples } from "./latest-samples";
import { latestSnapshots, type SnapshotView } from "./snapshot-store";
import { defineCollector } from "./types";

// Expressway software version (R1: X12.6.1+ needs CMS 2.9.2+) and uptime, on C and E nodes.
const unitSchema = z.object({
  product: optText,
  version: optText,
  build: optText,
  releaseDate: optText,
  uptimeSeconds: optCount,
});
/** The stored identity (the source's module) plus uptime, which goes to samples. */
export interface ExpresswaySystem extends source.Identity {
  uptimeSeconds?: number;
}

export function parseSystemUnit(xml: string): Result<ExpresswaySystem> {
  const doc = parseGetxmlDoc(xml, SYSTEM_UNIT.location);
  if (!doc.ok) return doc;
  const { location: _, ...fields } = SYSTEM_UNIT;
  const r = readFields(doc.value.el, fields, unitSchema, xml);
  if (!r.ok) return r;
  const { version, product, ...rest } = r.value;
  const rootVersion = doc.value.root.attr(ROOT_VERSION_ATTR);
  if (!version && !rootVersion)
    return fail(
      "parse",
      `${doc.value.el.path}/${SYSTEM_UNIT.version}: missing (and no version attribute on <Status>)`,
      { path: `${doc.value.el.path}/${SYSTEM_UNIT.version}`, excerpt: excerptOf(xml) },
    );
  return ok({
    ...rest,
    product: product ?? doc.value.root.attr(ROOT_PRODUCT_ATTR) ?? null,
    version: (version ?? rootVersion)!,
    versionFrom: version ? "SystemUnit" : "root",
  });
}

/** The fallback: <Status product="…" version="…"> of the full tree [C]. */
export function parseRootVersion(xml: string): Result<ExpresswaySystem> {
  const doc = parseXml(xml);
  if (!doc.ok) return doc;
  const version = doc.value.attr(ROOT_VERSION_ATTR)?.trim();
  if (!version)
    return fail("parse", `${doc.value.path}/@${ROOT_VERSION_ATTR}: missing`, {
      path: `${doc.value.path}/@${ROOT_VERSION_ATTR}`,
      excerpt: excerptOf(xml),
    });
  return ok({
    product: doc.value.attr(ROOT_PRODUCT_ATTR) ?? null,
    version,
    build: null,
    releaseDate: null,
    versionFrom: "root",
  });
}

type Identity = source.Identity;
/** One node's latest value from its rows (latestMany maps each node's rows with it). */
const viewOf = (snap: SnapshotView<Identity>, sample: { uptimeSeconds: number | null } | null | undefined) => ({
  ...snap,
  uptimeSeconds: sample?.uptimeSeconds ?? null,
});

const SOURCE = source.id;
export const expresswaySystem = defineCollector<ExpresswaySystem, source.Id>({
  id: SOURCE,
  area: "versions",
  title: "Software version and uptime",
  roles: ["EXPRESSWAY_C", "EXPRESSWAY_E"],
  domainIds: ["R1"],
  intervalMs: (env) => env.EDGESCOPE_CONFIG_INTERVAL_MS,
  async collect({ endpoint }) {
    const res = await getText(endpoint, getxmlPath(SYSTEM_UNIT.location));
    if (!res.ok) return res;
    if (!isXPathError(res.value.body)) return parseSystemUnit(res.value.body);
    // getxml does not serve /Status/SystemUnit on its own [I]: the full tree's root has the version.
    const full = await getText(endpoint, FULL_STATUS_PATH);
    return full.ok ? parseRootVersion(full.value.body) : full;
  },
  rows: (nodeId, at, { uptimeSeconds, ...identity }) => ({
    snapshot: identity,
    samples: { systemSample: uptimeSeconds === undefined ? [] : [{ nodeId, ts: at, uptimeSeconds }] },
  }),
  async latestMany(db, nodeIds) {
    const [snaps, samples] = await Promise.all([
      latestSnapshots<Identity>(db, nodeIds, SOURCE),
      latestSystemSamples(db, nodeIds),
    ]);
    return new Map([...snaps].map(([id, snap]) => [id, viewOf(snap, samples.get(id))]));
  },
});

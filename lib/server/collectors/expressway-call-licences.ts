import "server-only";
import { z } from "zod";
import { CALL_LICENCE_SERIES } from "@/lib/domain/series-names";
import * as source from "@/lib/domain/sources/expressway-call-licences";
import {
  CALLS_USAGE,
  LICENCE_KINDS,
  LICENSED,
  type LicenceKind,
  type LicenceUsage,
} from "@/lib/domain/sources/expressway-call-licences";
import type { PartNote } from "@/lib/domain/source-parts";
import { parseGetxml } from "@/lib/server/parsing/cuil";
import { optCount } from "@/lib/server/parsing/fields";
import { validateExtracted } from "@/lib/server/parsing/xml";
import { ok, type Result } from "@/lib/server/transport/failure";
import { getCuilText, partNote } from "./expressway-client";
import { snapshotStorage } from "./snapshot-store";
import { defineCollector, type Traced } from "./types";

// Expressway call licence usage (docs/capacity.md): calls in use per kind from
// /Status/ResourceUsage/Calls [C], the licensed counts from /Status/SystemUnit/Software/Configuration
// ([C] names, [I] meaning). Two parts read apart: a box whose status tree lacks the licensed counts
// still stores its usage, with licensed null and the part noted — "not exposed by this version".

type Usage = Record<LicenceKind, Pick<LicenceUsage, "current" | "peak">>;
type Licensed = Record<LicenceKind, number | null>;
export interface CallLicences extends Traced, source.Content {}

const usageSchema = z.object(
  Object.fromEntries(LICENCE_KINDS.map((k) => [k, z.object({ current: optCount, peak: optCount })])) as Record<
    LicenceKind,
    z.ZodObject<{ current: typeof optCount; peak: typeof optCount }>
  >,
);
const licensedSchema = z.object(
  Object.fromEntries(LICENCE_KINDS.map((k) => [k, optCount])) as Record<LicenceKind, typeof optCount>,
);

const byKind = <T>(f: (k: LicenceKind) => T) =>
  Object.fromEntries(LICENCE_KINDS.map((k) => [k, f(k)])) as Record<LicenceKind, T>;

/** Missing elements are null: an X8 VCS and an X15 Expressway need not list the same kinds. */
export function parseCallsUsage(xml: string): Result<Usage> {
  const calls = parseGetxml(xml, CALLS_USAGE.location);
  if (!calls.ok) return calls;
  const raw = byKind((k) => ({
    current: calls.value.textAt(`${CALLS_USAGE.kinds[k]}/${CALLS_USAGE.current}`),
    peak: calls.value.textAt(`${CALLS_USAGE.kinds[k]}/${CALLS_USAGE.peak}`),
  }));
  const paths = byKind((k) => `${CALLS_USAGE.location}/${CALLS_USAGE.kinds[k]}`);
  const r = validateExtracted(usageSchema, raw, paths, xml);
  return r.ok ? ok(byKind((k) => ({ current: r.value[k].current ?? null, peak: r.value[k].peak ?? null }))) : r;
}

export function parseLicensed(xml: string): Result<Licensed> {
  const conf = parseGetxml(xml, LICENSED.location);
  if (!conf.ok) return conf;
  const raw = byKind((k) => conf.value.textAt(LICENSED.kinds[k]));
  const paths = byKind((k) => `${LICENSED.location}/${LICENSED.kinds[k]}`);
  const r = validateExtracted(licensedSchema, raw, paths, xml);
  return r.ok ? ok(byKind((k) => r.value[k] ?? null)) : r;
}

const noUsage: Usage = byKind(() => ({ current: null, peak: null }));
const noLicensed: Licensed = byKind(() => null);

const SOURCE = source.id;
export const expresswayCallLicences = defineCollector<CallLicences, source.Id>({
  id: SOURCE,
  area: "versions",
  title: "Call licence usage",
  roles: ["EXPRESSWAY_C", "EXPRESSWAY_E"],
  domainIds: ["R2"],
  intervalMs: (env) => env.EDGESCOPE_STATUS_INTERVAL_MS,
  async collect({ endpoint }) {
    const [usageRes, licensedRes] = await Promise.all([
      getCuilText(endpoint, CALLS_USAGE.location),
      getCuilText(endpoint, LICENSED.location),
    ]);
    // A transport failure of the usage part fails the poll; a box without the location does not.
    if (!usageRes.ok && usageRes.failure.notAvailable === undefined) return usageRes;
    const usage = usageRes.ok ? parseCallsUsage(usageRes.value.body) : usageRes;
    if (!usage.ok && usage.failure.notAvailable === undefined) return usage;
    const licensed = licensedRes.ok ? parseLicensed(licensedRes.value.body) : licensedRes;
    const parts: PartNote[] = [];
    if (!usage.ok) parts.push(partNote("calls in use", CALLS_USAGE.location, usage.failure));
    if (!licensed.ok) parts.push(partNote("licensed call counts", LICENSED.location, licensed.failure));
    const u = usage.ok ? usage.value : noUsage;
    const l = licensed.ok ? licensed.value : noLicensed;
    return ok<CallLicences>({
      ...byKind((k) => ({ ...u[k], licensed: l[k] })),
      ...(parts.length ? { parts } : {}),
      matched: {
        [CALLS_USAGE.location]: usageRes.ok ? usageRes.value.via : "not available",
        [LICENSED.location]: licensedRes.ok ? licensedRes.value.via : "not available",
      },
    });
  },
  // The snapshot keeps the exact counts (the check compares them with the licensed count); call
  // counts move at call rate, so at most one row per poll, like the relay samples.
  ...snapshotStorage<CallLicences>(SOURCE),
  rollups: (v) =>
    LICENCE_KINDS.flatMap((k) => {
      const current = v[k].current;
      return current === null ? [] : [{ series: CALL_LICENCE_SERIES[k], value: current }];
    }),
});

import "server-only";
import { parseCmsDate, type LicenceFeature } from "@/lib/domain/cms-licensing";
import { CMS_CAPACITY_API, LICENSING } from "@/lib/domain/sources/cms-capacity";
import * as source from "@/lib/domain/sources/cms-licensing";
import type { CmsLicensing } from "@/lib/domain/sources/cms-licensing";
import { parseCmsDocument } from "@/lib/server/parsing/cms-xml";
import type { XmlElement } from "@/lib/server/parsing/xml";
import { fail, ok, type Result } from "@/lib/server/transport/failure";
import { getCmsText } from "./cms-client";
import { snapshotStorage, sortedBy } from "./snapshot-store";
import { defineCollector } from "./types";

// CMS licences: GET /api/v1/system/licensing [C] (per server; with status and expiry before 3.0)
// and, from 3.0, GET /api/v1/clusterLicensing (status and expiry for the cluster; element names [C],
// root element [I]). A CMS before 3.0 answers 404 for the latter: that is "absent", not a failure.

/** Each child of <features> is one feature: its name is the element name [C]. */
function featuresOf(root: XmlElement): LicenceFeature[] {
  const container = root.name === LICENSING.features ? root : root.descendants(LICENSING.features)[0];
  if (!container) return [];
  const list = container.childNames().flatMap((name) =>
    container.children(name).map((el) => {
      const raw = el.textAt(LICENSING.expiry) || null;
      return {
        name,
        status: el.textAt(LICENSING.status) || "unknown",
        expiry: raw ? (parseCmsDate(raw) ?? raw) : null,
      };
    }),
  );
  return sortedBy(list, (f) => f.name);
}

export function parseLicensing(xml: string): Result<LicenceFeature[]> {
  const doc = parseCmsDocument(xml);
  return doc.ok ? ok(featuresOf(doc.value)) : doc;
}

const SOURCE = source.id;
export const cmsLicensing = defineCollector<CmsLicensing, source.Id>({
  id: SOURCE,
  area: "cms",
  title: "Licences",
  roles: ["CMS"],
  domainIds: ["R3"],
  intervalMs: (env) => env.EDGESCOPE_CONFIG_INTERVAL_MS,
  async collect({ endpoint }) {
    const [lic, cluster] = await Promise.all([
      getCmsText(endpoint, CMS_CAPACITY_API.licensing),
      getCmsText(endpoint, CMS_CAPACITY_API.clusterLicensing),
    ]);
    if (!lic.ok) return lic;
    const features = parseLicensing(lic.value);
    if (!features.ok) return features;
    if (!cluster.ok)
      return cluster.failure.httpStatus === 404 ? ok({ features: features.value, cluster: null }) : cluster;
    const c = parseLicensing(cluster.value);
    if (!c.ok) return c;
    if (!features.value.length && !c.value.length)
      return fail("parse", "neither system/licensing nor clusterLicensing lists any <features>");
    return ok({ features: features.value, cluster: c.value });
  },
  ...snapshotStorage<CmsLicensing>(SOURCE),
});

import type { LicenceFeature } from "../cms-licensing";
import type { SnapshotLatest } from "./snapshot";

// CMS licences (R3; docs/capacity.md): system/licensing per server and, from 3.0, clusterLicensing.
// Wire format: ./cms-capacity.ts; what a status or expiry means: lib/domain/cms-licensing.ts.
export const id = "cms.licensing";
export type Id = typeof id;

export interface CmsLicensing {
  features: LicenceFeature[];
  /** null before 3.0 (no /clusterLicensing). */
  cluster: LicenceFeature[] | null;
}
export type Latest = SnapshotLatest<CmsLicensing>;

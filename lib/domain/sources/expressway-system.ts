import type { SnapshotLatest } from "./snapshot";

// Expressway software version (R1) and uptime on C and E nodes. Wire format: below. Identity is a snapshot, uptime a sample.
export const id = "expressway.system";
export type Id = typeof id;

export interface Identity {
  product: string | null;
  version: string;
  build: string | null;
  releaseDate: string | null;
  /** Where the version was read: /Status/SystemUnit, or the root attribute of /status.xml */
  versionFrom: "SystemUnit" | "root";
}
export type Latest = SnapshotLatest<Identity> & { uptimeSeconds: number | null };

// ---- Wire format (what the device answers; the lab serves the same) ----
// Expressway software version and uptime. Structure [C] from a real X8.11.3 status.xml
// (py-expressway tests/status.xml: /Status/SystemUnit/{Product,Uptime,Software/Version,…});
// that getxml serves /Status/SystemUnit on its own is [I]. The root attributes
// <Status product="…" version="X8.11.3"> are [C] and are the fallback, read from /status.xml.
export const SYSTEM_UNIT = {
  location: "/Status/SystemUnit",
  product: "Product",
  uptimeSeconds: "Uptime",
  version: "Software/Version",
  build: "Software/Build",
  releaseDate: "Software/ReleaseDate",
} as const;

/** The whole status tree [C]; only its root attributes are used, as the version fallback. */
export const FULL_STATUS_PATH = "/status.xml";
export const ROOT_VERSION_ATTR = "version";
export const ROOT_PRODUCT_ATTR = "product";

import "server-only";

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

import "server-only";

// CMS webBridges. List and detail paths with `url` and `resourceArchive` are [C] (CMS API
// reference 2.0 §10.8). webBridges/<id>/status [C] (ciscocms/apiary, "from version 2.2"): an
// element `status`, one of unused | success | connectionFailure | dnsFailure. The root element
// is [I], so the parser looks for a `status` element anywhere and keeps every other leaf too;
// a 404 means this CMS has no status endpoint (before 2.2): not available on this version.
//   <webBridge id="…"><status>success</status></webBridge>
export const WEB_BRIDGE = { url: "url", resourceArchive: "resourceArchive" } as const;
export const WEB_BRIDGE_STATUS = { status: "status" } as const;

export const webBridgePath = (id: string) => `/api/v1/webBridges/${encodeURIComponent(id)}`;
export const webBridgeStatusPath = (id: string) => `${webBridgePath(id)}/status`;

import "server-only";

// CMS webBridges. List and detail paths with `url` and `resourceArchive` are [C] (CMS API
// reference 2.0 §10.8); webBridges/<id>/status exists in 3.x [C path] but its fields are
// [I] INFERRED, correct me with a real payload. The parser therefore keeps every leaf element of
// the status answer as name → text, and treats 404 as "this CMS has no status endpoint".
// What the lab serves (illustrative only):
//   <webBridge id="…"><status>operational</status><callBridgeConnection>connected</callBridgeConnection></webBridge>
export const WEB_BRIDGE = { url: "url", resourceArchive: "resourceArchive" } as const;

export const webBridgePath = (id: string) => `/api/v1/webBridges/${encodeURIComponent(id)}`;
export const webBridgeStatusPath = (id: string) => `${webBridgePath(id)}/status`;

// Cisco Meeting Server API: XML over HTTPS with basic auth under /api/v1 [C] (api-formats §3).
// Collections answer <xxx total="N"><x id="…">…</x>…</xxx> and page with offset/limit [C].
// Errors may carry <failureDetails><someReason/></failureDetails> [C element name, reasons vary].
export const CMS_API = {
  systemStatus: "/api/v1/system/status",
  alarms: "/api/v1/system/alarms",
  turnServers: "/api/v1/turnServers",
  callBridges: "/api/v1/callBridges",
  webBridges: "/api/v1/webBridges",
} as const;

/** Collection wrapper and item element names [C]. */
export const COLLECTIONS = {
  turnServers: { path: CMS_API.turnServers, wrapper: "turnServers", item: "turnServer" },
  callBridges: { path: CMS_API.callBridges, wrapper: "callBridges", item: "callBridge" },
  webBridges: { path: CMS_API.webBridges, wrapper: "webBridges", item: "webBridge" },
  alarms: { path: CMS_API.alarms, wrapper: "alarms", item: "alarm" },
} as const;

export type CmsCollection = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** Page size Edgescope asks for; CMS may answer fewer, so paging continues until `total`. */
export const CMS_PAGE_LIMIT = 20;

// Meeting Server capacity and licence endpoints, as Cisco's API blueprint (ciscocms/apiary,
// apiary.apib) documents them. [C] = element names from the blueprint's tables or example bodies;
// [I] = our reading where the blueprint gives no example body. See docs/capacity.md.
export const CMS_CAPACITY_API = {
  /** "System Load Method" (2.1+): <load><mediaProcessingLoad>25</mediaProcessingLoad></load> [C, example body]. */
  load: "/api/v1/system/load",
  /** "Call Bridge Cluster Methods": loadLimit and the two basis-point thresholds [C, example body]. */
  clusterConfig: "/api/v1/system/configuration/cluster",
  /** "Licensing Methods" (2.0+): <licensing><features><callBridge><status/><expiry/>… [C, example body]. */
  licensing: "/api/v1/system/licensing",
  /** 3.0+: cluster-wide status/expiry; element names [C] from the table, root element [I] (no example body). */
  clusterLicensing: "/api/v1/clusterLicensing",
  /** "Retrieving System Database Status": <database clustered="enabled|disabled"> [C]; cluster/node layout [I] beyond the table. */
  database: "/api/v1/system/database",
} as const;

export const LOAD = { root: "load", mediaProcessingLoad: "mediaProcessingLoad" } as const;
export const CLUSTER_CONFIG = {
  root: "cluster",
  loadLimit: "loadLimit",
  newConferenceLoadLimitBasisPoints: "newConferenceLoadLimitBasisPoints",
  existingConferenceLoadLimitBasisPoints: "existingConferenceLoadLimitBasisPoints",
} as const;
export const LICENSING = {
  root: "licensing",
  clusterRoot: "clusterLicensing",
  features: "features",
  status: "status",
  expiry: "expiry",
} as const;
export const DATABASE = {
  root: "database",
  clustered: "clustered",
  cluster: "cluster",
  totalNodes: "totalNodes",
  nodeInUse: "nodeInUse",
  error: "error",
  node: "node",
  hostname: "hostname",
  up: "up",
  syncBehind: "syncBehind",
  master: "master",
} as const;

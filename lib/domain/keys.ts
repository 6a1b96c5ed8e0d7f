// Map keys and names built in more than one place, each built here once so a reader and a writer
// can never disagree on the separator.

/** Key of one (node, source) pair: a NUL cannot occur in an id or a source id. */
export const nodeSourceKey = (nodeId: string, source: string): string => `${nodeId}\u0000${source}`;

/** Probe result keys, one per question a check asks (the probe plan fills them, the checks read them). */
export const PROBE_KEYS = {
  outsideJoin: "dns-outside-join",
  insideJoin: "dns-inside-join",
  insideXmpp: "dns-inside-xmpp",
  tls: (nodeId: string) => `tls:${nodeId}`,
  udp: (nodeId: string) => `udp:${nodeId}`,
  tcp: (nodeId: string) => `tcp:${nodeId}`,
  turn: (nodeId: string) => `turn:${nodeId}`,
  /** Certificate audit of a node's management address, and of Expressway-E's public 443 (Join URL). */
  certManagement: (nodeId: string) => `cert-management:${nodeId}`,
  certPublic: (nodeId: string) => `cert-public:${nodeId}`,
  /** An address the admin added to the node's audit (Web Bridge, Call Bridge…), by position. */
  certExtra: (nodeId: string, i: number) => `cert-extra:${nodeId}:${i}`,
  /** A Web Bridge or Call Bridge address a CMS lists (webBridges url, callBridges address), by host:port. */
  certListed: (nodeId: string, hostPort: string) => `cert-listed:${nodeId}:${hostPort}`,
} as const;

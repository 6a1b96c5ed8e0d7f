// The areas a NOC tile shows, each fed by the sources (and checks) that declare it (pure data).

export const AREAS = [
  { id: "tunnels", label: "SSH tunnels" },
  { id: "allowlist", label: "Web proxy & HTTP allow list" },
  { id: "turn-relays", label: "TURN relays" },
  { id: "turn-servers", label: "CMS turnServers" },
  { id: "dns-tls", label: "DNS & TLS" },
  { id: "system", label: "Versions & alarms" },
] as const;

export type AreaId = (typeof AREAS)[number]["id"];

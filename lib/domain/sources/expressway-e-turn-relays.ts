// Expressway-E TURN relay usage (V5) and TURN server state (R4/C3). Wire format: getxml of
// /Status/ResourceUsage/TURN and /Status/TURN (structure [C] from a real status.xml, api-formats
// §4a; the sub-path form of getxml is [I]). Stored as samples, not snapshots.
export const id = "expressway-e.turn-relays";
export type Id = typeof id;

export const USAGE_LOCATION = "/Status/ResourceUsage/TURN";
export const STATUS_LOCATION = "/Status/TURN";

/** Relays per TURN listening port at one poll (a Large VM spreads them over 6 ports, api-formats §2b). */
export interface RelayPort {
  port: number;
  count: number;
  udp: number | null;
  tcp: number | null;
}

/** The newest poll: counts, the TURN server state (null when /Status/TURN could not be read) and ports. */
export interface Latest {
  at: string;
  current: number;
  peak: number;
  total: number;
  serverStatus: string | null;
  ports: RelayPort[];
}

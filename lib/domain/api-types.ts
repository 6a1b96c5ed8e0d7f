// JSON shapes of /api/* answers, shared by route handlers and the browser (no I/O here).
import type { AreaId } from "./areas";
import type { SourceId, SourceLatest } from "./sources";
import type { DeploymentFields } from "./deployment-fields";
import type { Health } from "./source-health";
import type { NodeRole, PollOutcome } from "./types";

export interface ApiError {
  /** `fields` maps an input path ("baseUrl") to its message, for forms to show beside the field. */
  error: { code: string; message: string; fields?: Record<string, string> };
}

export interface DeploymentSummary extends DeploymentFields {
  nodes: { id: string; name: string; role: NodeRole }[];
  /** Managed by the provisioning file (EDGESCOPE_PROVISION): read-only in the UI and API */
  provisioned?: boolean;
}

/** What every source status has, whatever its source. */
export interface SourceStatusBase {
  title: string;
  area: AreaId;
  domainIds: readonly string[];
  intervalMs: number;
  /** Last attempt, whatever its outcome */
  lastRun: { outcome: PollOutcome; message: string | null; startedAt: string; finishedAt: string } | null;
  /** When data was last read successfully, and how old that is now */
  lastOkAt: string | null;
  ageMs: number | null;
  /** No successful poll within three intervals: never show such data as healthy */
  stale: boolean;
}

/** One source of one node; `latest` has the type its source declares (lib/domain/sources). */
export type SourceStatusOf<K extends SourceId> = SourceStatusBase & { source: K; latest: SourceLatest<K> | null };
/** Keyed by `source`: comparing `source` with an id narrows `latest` to that source's type. */
export type SourceStatus = { [K in SourceId]: SourceStatusOf<K> }[SourceId];

export interface NodeStatus {
  id: string;
  name: string;
  role: NodeRole;
  baseUrl: string;
  tlsInsecure: boolean;
  sources: SourceStatus[];
}

export interface DeploymentStatus {
  deployment: DeploymentSummary;
  generatedAt: string;
  nodes: NodeStatus[];
}

/** expressway-e.turn-relays' latest value (kept under this name for the board and relay panel). */
export type RelayLatest = SourceLatest<"expressway-e.turn-relays">;

export interface SeriesPoint {
  t: number; // bucket start, ms since epoch
  [seriesKey: string]: number | null;
}

/** A level a chart compares its lines with (a limit known now), drawn across the whole range. */
export interface ChartReference {
  label: string;
  value: number;
}

export interface HistoryResponse {
  series: string;
  from: string;
  to: string;
  bucketMs: number;
  /** One entry per line: key in the points, label for legends; "avg" lines draw dashed */
  lines: { key: string; label: string; kind?: "peak" | "avg" }[];
  points: SeriesPoint[];
  /** Levels to compare with, where the series has any (media load: each Call Bridge's loadLimit) */
  references?: ChartReference[];
  /** Names of the nodes drawn here that have no level to compare with as known now (no loadLimit, no licensed count) */
  unreferenced?: string[];
}

export interface PollNowResponse {
  nodes: {
    nodeId: string;
    name: string;
    outcomes: { source: string; outcome: PollOutcome; message: string | null }[];
  }[];
}

export interface BoardArea {
  area: AreaId;
  label: string;
  health: Health;
  /** When the current bad state began (first failed poll of the streak, or when data went stale) */
  since: string | null;
  /** The first problem, in the node's words */
  detail: string | null;
  /** The problems at the area's health, node first ("vcs-e1: tunnel Inactive · V3"), at most two lines */
  lines: string[];
}

export interface BoardTile {
  id: string;
  name: string;
  joinUrl: string;
  health: Health;
  areas: BoardArea[];
  /** Age of the oldest data on the tile; null when nothing was ever polled */
  oldestAgeMs: number | null;
  relays: { nodeId: string; name: string; current: number | null }[];
  insecureNodes: string[];
}

export interface BoardResponse {
  generatedAt: string;
  tiles: BoardTile[];
}

import type { SourceStatus, SourceStatusBase, SourceStatusOf } from "../api-types";
import * as cmsAlarms from "./cms-alarms";
import * as cmsCallBridges from "./cms-call-bridges";
import * as cmsDatabase from "./cms-database";
import * as cmsLicensing from "./cms-licensing";
import * as cmsLoad from "./cms-load";
import * as cmsSystem from "./cms-system";
import * as cmsTurnServers from "./cms-turn-servers";
import * as cmsWebBridges from "./cms-web-bridges";
import * as expresswayAlarms from "./expressway-alarms";
import * as callLicences from "./expressway-call-licences";
import * as allowList from "./expressway-c-allowlist-auto";
import * as cmsSettings from "./expressway-c-cms-settings";
import * as tunnels from "./expressway-c-tunnels";
import * as turnRelays from "./expressway-e-turn-relays";
import * as expresswaySystem from "./expressway-system";

// Every polled source by id, with the value its latestMany() gives per node (isomorphic, no I/O). Each source
// has one module beside this file (id, wire-format notes, Latest type); the collector of that id
// must return exactly that type (lib/server/collectors/types.ts), and the browser and the checks
// read it through SourceStatus / ctx.reading, narrowed by id. Adding a source = its module here,
// one line below, and its collector.
export interface SourceLatestById {
  [turnRelays.id]: turnRelays.Latest;
  [tunnels.id]: tunnels.Latest;
  [allowList.id]: allowList.Latest;
  [cmsSettings.id]: cmsSettings.Latest;
  [expresswayAlarms.id]: expresswayAlarms.Latest;
  [expresswaySystem.id]: expresswaySystem.Latest;
  [cmsTurnServers.id]: cmsTurnServers.Latest;
  [cmsSystem.id]: cmsSystem.Latest;
  [cmsAlarms.id]: cmsAlarms.Latest;
  [cmsCallBridges.id]: cmsCallBridges.Latest;
  [cmsWebBridges.id]: cmsWebBridges.Latest;
  [cmsLoad.id]: cmsLoad.Latest;
  [cmsLicensing.id]: cmsLicensing.Latest;
  [cmsDatabase.id]: cmsDatabase.Latest;
  [callLicences.id]: callLicences.Latest;
}
export type SourceId = keyof SourceLatestById;
export type SourceLatest<K extends SourceId> = SourceLatestById[K];

/** Short names for the ids, for checks and panels that read several sources. */
export const SOURCES = {
  turnRelays: turnRelays.id,
  tunnels: tunnels.id,
  allowList: allowList.id,
  cmsSettings: cmsSettings.id,
  expresswayAlarms: expresswayAlarms.id,
  expresswaySystem: expresswaySystem.id,
  cmsTurnServers: cmsTurnServers.id,
  cmsSystem: cmsSystem.id,
  cmsAlarms: cmsAlarms.id,
  cmsCallBridges: cmsCallBridges.id,
  cmsWebBridges: cmsWebBridges.id,
  cmsLoad: cmsLoad.id,
  cmsLicensing: cmsLicensing.id,
  cmsDatabase: cmsDatabase.id,
  callLicences: callLicences.id,
} as const satisfies Record<string, SourceId>;

/**
 * A stored value as the type its source declares. The one place stored JSON becomes typed: each
 * collector's latestMany() is declared with its source's Latest type (lib/server/collectors/types.ts),
 * so readers narrow by id and never cast.
 */
export function latestAs<K extends SourceId>(_id: K, value: unknown): SourceLatest<K> | null {
  return (value ?? null) as SourceLatest<K> | null;
}

/**
 * A source's status from its collector's id and latestMany() value (the server builds statuses only
 * here). TypeScript cannot tie a union-typed id to its own value type, hence the one assertion.
 */
export function sourceStatus<K extends SourceId>(
  id: K,
  base: SourceStatusBase,
  latest: SourceLatest<K> | null,
): SourceStatus {
  return { ...base, source: id, latest } as SourceStatusOf<K> as SourceStatus;
}

/** The status of source `id` among a node's sources, narrowed to that source's type. */
export function findSource<K extends SourceId>(sources: readonly SourceStatus[], id: K): SourceStatusOf<K> | undefined {
  return sources.find((s): s is SourceStatus & SourceStatusOf<K> => s.source === id);
}

import "server-only";
import type { PartNote } from "@/lib/domain/source-parts";
import type { SnapshotView } from "@/lib/server/collectors/snapshot-store";
import type { Tunnels } from "@/lib/server/collectors/expressway-c-tunnels";
import type { AllowListAuto } from "@/lib/server/collectors/expressway-c-allowlist-auto";
import type { CmsSettings } from "@/lib/server/collectors/expressway-c-cms-settings";
import type { CmsAlarms } from "@/lib/server/collectors/cms-alarms";
import type { WebBridges } from "@/lib/server/collectors/cms-web-bridges";
import type { TurnServerDetail } from "@/lib/server/parsing/cms-turn-servers";

// What each collector's latest() returns, as the checks read it (one place, so a collector change
// shows up here as a type error).

export const SOURCES = {
  tunnels: "expressway-c.tunnels",
  allowList: "expressway-c.allowlist-auto",
  cmsSettings: "expressway-c.cms-settings",
  turnRelays: "expressway-e.turn-relays",
  expresswaySystem: "expressway.system",
  cmsTurnServers: "cms.turn-servers",
  cmsSystem: "cms.system",
  cmsAlarms: "cms.alarms",
  cmsWebBridges: "cms.web-bridges",
} as const;

export type TunnelsLatest = SnapshotView<Tunnels>;
export type AllowListLatest = SnapshotView<AllowListAuto>;
export type CmsSettingsLatest = SnapshotView<CmsSettings>;
export type CmsAlarmsLatest = SnapshotView<CmsAlarms>;
export type CmsWebBridgesLatest = SnapshotView<WebBridges>;
export interface TurnRelaysLatest {
  at: string | Date;
  current: number;
  peak: number;
  total: number;
  serverStatus: string | null;
}
export type ExpresswaySystemLatest = SnapshotView<{ product: string | null; version: string }>;
export type CmsSystemLatest = SnapshotView<{ softwareVersion: string; activated: boolean | null }>;
export type CmsTurnServer = TurnServerDetail & { id: string };
export type CmsTurnServersLatest = SnapshotView<{ turnServers: CmsTurnServer[]; parts?: PartNote[] }> & {
  status: { at: string; hosts: { turnServerId: string; hostAddress: string; rttMs: number | null; allocations: number | null; reachable: boolean | null }[] } | null;
};

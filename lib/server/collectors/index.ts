import "server-only";
import type { NodeRole } from "@/lib/domain/types";
import { cmsAlarms } from "./cms-alarms";
import { cmsCallBridges } from "./cms-call-bridges";
import { cmsSystem } from "./cms-system";
import { cmsTurnServers } from "./cms-turn-servers";
import { cmsWebBridges } from "./cms-web-bridges";
import { expresswayAlarms } from "./expressway-alarms";
import { expresswayCallLicences } from "./expressway-call-licences";
import { expresswayCAllowListAuto } from "./expressway-c-allowlist-auto";
import { expresswayCCmsSettings } from "./expressway-c-cms-settings";
import { expresswayCTunnels } from "./expressway-c-tunnels";
import { expresswayETurnRelays } from "./expressway-e-turn-relays";
import { expresswaySystem } from "./expressway-system";
import { cmsDatabase } from "./cms-database";
import { cmsLicensing } from "./cms-licensing";
import { cmsLoad } from "./cms-load";
import type { Collector } from "./types";

/** Every source Edgescope polls. Adding a source = one file + one line here. */
export const COLLECTORS: readonly Collector<unknown>[] = [
  expresswayETurnRelays,
  expresswayCTunnels,
  expresswayCAllowListAuto,
  expresswayCCmsSettings,
  expresswayAlarms,
  expresswaySystem,
  cmsTurnServers,
  cmsSystem,
  cmsAlarms,
  cmsCallBridges,
  cmsWebBridges,
  // Capacity and licence headroom (docs/capacity.md).
  cmsLoad,
  cmsLicensing,
  cmsDatabase,
  expresswayCallLicences,
] as Collector<unknown>[];

export function collectorsFor(role: NodeRole): Collector<unknown>[] {
  return COLLECTORS.filter((c) => c.roles.includes(role));
}

import "server-only";
import { sameName } from "@/lib/domain/hosts";
import type * as cmsTurnServers from "@/lib/domain/sources/cms-turn-servers";
import type { TurnServerConfig } from "@/lib/domain/sources/cms-turn-servers";
import type { CheckOutcome, CheckContext, CheckNode, SourceReading } from "./types";
import { SOURCES } from "@/lib/domain/sources";
import { isUsable, nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";

// The CMS turnServers as C5/V4 checks read them: the freshest usable CMS reading (every Call
// Bridge of a cluster shares the same turnServers), and which turnServer is whose Expressway-E.

export function cmsTurnReading(ctx: CheckContext): SourceReading<cmsTurnServers.Latest> | CheckOutcome {
  const cms = nodesOf(ctx, "CMS");
  if (!cms.length)
    return noEvidenceUnknown("The deployment has no Meeting Server node.", [
      "Settings > Deployments: add the Meeting Server (API user).",
    ]);
  const readings = cms.map((n) => ctx.reading(n.id, SOURCES.cmsTurnServers));
  const usable = readings.filter(isUsable).sort((a, b) => (a.ageMs ?? 0) - (b.ageMs ?? 0));
  return usable[0] ?? unknownIfUnusable(readings)!;
}

export const isReading = <T>(x: SourceReading<T> | CheckOutcome): x is SourceReading<T> => "source" in x;

/** turnServers that belong to this Expressway-E: serverAddress = its private or clientAddress = its public address. */
export function turnServersOf(e: CheckNode, all: TurnServerConfig[]): TurnServerConfig[] {
  return all.filter((t) => sameName(t.serverAddress, e.privateAddress) || sameName(t.clientAddress, e.publicAddress));
}

export function addressesUnknown(ctx: CheckContext): CheckOutcome | null {
  const bare = nodesOf(ctx, "EXPRESSWAY_E").filter((e) => !e.privateAddress || !e.publicAddress);
  if (!bare.length) return null;
  return noEvidenceUnknown(`Private and public addresses are not set for ${bare.map((e) => e.name).join(", ")}.`, [
    "Settings > Deployments > each Expressway-E node: enter its private address (the one CMS reaches, R7) and its public address (the one browsers reach, R5/R6).",
  ]);
}

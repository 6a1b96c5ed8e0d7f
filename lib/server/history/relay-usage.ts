import "server-only";
import type { HistoryResponse } from "@/lib/domain/api-types";
import type { Db } from "@/lib/server/db/client";
import { getSeriesHistory } from "./series-history";

/** TURN relays per Expressway-E node: `<nodeId>__avg` and `<nodeId>__peak` per bucket. */
export function getRelayUsageHistory(db: Db, deploymentId: string, from: Date, to: Date, now?: Date): Promise<HistoryResponse> {
  return getSeriesHistory(db, "relay-usage", deploymentId, from, to, now);
}

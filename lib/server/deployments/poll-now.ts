import "server-only";
import type { PollNowResponse } from "@/lib/domain/api-types";
import type { Db } from "@/lib/server/db/client";
import { getPoller } from "@/lib/server/poller/instance";
import { getDeployment } from "./list-deployments";

export async function pollDeploymentNow(db: Db, deploymentId: string): Promise<PollNowResponse> {
  const d = await getDeployment(db, deploymentId);
  const outcomes = await getPoller().pollNow(d.nodes.map((n) => n.id));
  return {
    nodes: d.nodes.map((n) => ({
      nodeId: n.id,
      name: n.name,
      outcomes: (outcomes.get(n.id) ?? []).map(({ source, outcome, message }) => ({ source, outcome, message })),
    })),
  };
}

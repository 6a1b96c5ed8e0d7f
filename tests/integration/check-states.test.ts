import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordCheckStates } from "@/lib/server/checks/check-states";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { ProbeRunner } from "@/lib/server/probes/probe-runner";
import { getCheckTimeline } from "@/lib/server/history/check-timeline";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

let f: LabFixture;
const runner = new ProbeRunner();

beforeAll(async () => {
  f = await startLabFixture();
});
afterAll(() => f?.stop());

async function pollAndRecord(at: Date) {
  const nodes = await f.t.db.node.findMany({ select: { id: true } });
  await f.poller.pollNow(nodes.map((n) => n.id));
  const { checks } = await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner });
  return { checks, changed: await recordCheckStates(f.t.db, f.deploymentId, checks, at) };
}

describe("check state history", () => {
  it("records every check once, then only changes, and charts them as a timeline with V3 availability", async () => {
    const t0 = new Date();
    const first = await pollAndRecord(t0);
    expect(first.changed).toBe(first.checks.length);
    expect(first.checks.find((c) => c.id === "v3-tunnels")?.status).toBe("pass");
    expect((await pollAndRecord(new Date(t0.getTime() + 60_000))).changed).toBe(0);

    await f.lab.setFault("tunnel-inactive", "vcs-e2"); // the tunnel from vcs-c to vcs-e2
    const broken = await pollAndRecord(new Date(t0.getTime() + 120_000));
    expect(broken.changed).toBeGreaterThanOrEqual(1);
    expect(broken.checks.find((c) => c.id === "v3-tunnels")?.status).toBe("fail");
    await f.lab.clearFaults();
    await pollAndRecord(new Date(t0.getTime() + 150_000));

    const timeline = await getCheckTimeline(
      f.t.db,
      f.deploymentId,
      new Date(t0.getTime() + 30_000),
      new Date(t0.getTime() + 180_000),
    );
    const v3 = timeline.checks.find((c) => c.checkId === "v3-tunnels")!;
    expect(v3.segments.map((s) => s.status)).toEqual(["pass", "fail", "pass"]);
    expect(v3.passRatio).toBeCloseTo(120 / 150);
  });
});

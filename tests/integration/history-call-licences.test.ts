import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { getSeriesHistory } from "@/lib/server/history/series-history";
import { LAB_LICENSED } from "@/lib/server/lab/sources/expressway-common";
import { pollOk } from "../support/collected";
import type { LabFixture } from "../support/lab-fixture";
import { startLabApp, type LabApp } from "../support/lab-app";

// The call licence chart (R2): the lab's three Expressways polled into a real SQLite database (their
// rollups written by the poller's own cycle writer), then read through the History endpoint of the
// production build, with each box's licensed count as the reference line.
let labApp: LabApp;
let f: LabFixture;
let app: LabApp["app"];
let cookie: string;
let from: number;

const EXPRESSWAYS = ["vcs-c", "vcs-e1", "vcs-e2"];
const NAMES = EXPRESSWAYS.map((k) => `${k}.example.local`);

beforeAll(async () => {
  // The production build with its poller off: only the polls below write history.
  labApp = await startLabApp({ role: "viewer", browser: false, env: { EDGESCOPE_POLLER: "off" } });
  ({ f, app, cookie } = labApp);
  from = Date.now() - 3_600_000;
  await pollOk(f, EXPRESSWAYS); // normal: 2 traversal and 1 non-traversal call in use on each
  await f.lab.setFault("call-licences-full", "vcs-e1");
  await pollOk(f, ["vcs-e1"]); // 50 of its 50 licensed traversal calls
});
afterAll(async () => {
  await labApp?.stop();
});

const values = (h: HistoryResponse, key: string) =>
  h.points.map((p) => p[key]).filter((v): v is number => typeof v === "number");

async function get(series: string, to = Date.now() + 1000): Promise<HistoryResponse> {
  const res = await fetch(`${app.url}/api/deployments/${f.deploymentId}/history/${series}?from=${from}&to=${to}`, {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as HistoryResponse;
}

/** Sets one licence kind's licensed count in a node's latest snapshot, as a box that does not expose it would leave it. */
async function setLicensed(key: string, kind: "traversal" | "nonTraversal", licensed: number | null) {
  const snap = await f.t.db.snapshot.findFirstOrThrow({
    where: { nodeId: await f.nodeId(key), source: "expressway.call-licences" },
    orderBy: { id: "desc" },
  });
  const content = JSON.parse(snap.content);
  await f.t.db.snapshot.update({
    where: { id: snap.id },
    data: { content: JSON.stringify({ ...content, [kind]: { ...content[kind], licensed } }) },
  });
}

describe("call licence history", () => {
  it("answers GET /history/calls-traversal with the calls in use per Expressway and the licensed count", async () => {
    const to = Date.now() + 1000;
    const h = await get("calls-traversal", to);
    const [c, e1, e2] = await Promise.all(EXPRESSWAYS.map((k) => f.nodeId(k)));
    expect(h.series).toBe("calls-traversal");
    // Kept in rollups only: an hour reads the 1-minute tier.
    expect(h.bucketMs).toBe(60_000);
    // Expressway-C and -E alike, a peak and an average line per node.
    expect(h.lines).toEqual(
      [c, e1, e2].flatMap((id, i) => [
        { key: `${id}__peak`, label: `${NAMES[i]} peak`, kind: "peak" },
        { key: `${id}__avg`, label: `${NAMES[i]} average`, kind: "avg" },
      ]),
    );
    // vcs-e1: both polls there, in one minute (peak 50, average 26) or in two.
    expect(Math.max(...values(h, `${e1}__peak`))).toBe(LAB_LICENSED.traversal);
    const avgs = values(h, `${e1}__avg`);
    expect(avgs.length).toBeGreaterThan(0);
    expect(avgs.every((v) => [2, 26, 50].includes(v))).toBe(true);
    for (const id of [c, e2]) {
      expect(values(h, `${id}__peak`)).toEqual([2]);
      expect(values(h, `${id}__avg`)).toEqual([2]);
    }
    // The three boxes license the same count: one line, naming them all.
    expect(h.references).toEqual([{ label: `licensed 50 (${NAMES.join(", ")})`, value: LAB_LICENSED.traversal }]);
    expect(h.unreferenced).toEqual([]);
    // The same as the library answer (the route only validates, authorises and calls it).
    const direct = await getSeriesHistory(f.t.db, "calls-traversal", f.deploymentId, new Date(from), new Date(to));
    expect(h.points).toEqual(direct.points);
  });

  it("answers GET /history/calls-nontraversal with the other kind and its own licensed count", async () => {
    const h = await get("calls-nontraversal");
    expect(h.series).toBe("calls-nontraversal");
    expect(h.lines.length).toBe(6);
    // The fault fills the traversal licences only: every non-traversal value is the lab's 1 call.
    for (const l of h.lines) expect(values(h, l.key).every((v) => v === 1)).toBe(true);
    expect(values(h, h.lines[2]!.key).length).toBeGreaterThan(0);
    expect(h.references).toEqual([{ label: `licensed 100 (${NAMES.join(", ")})`, value: LAB_LICENSED.nonTraversal }]);
  });

  it("answers 404 for an unknown deployment and 400 for an unknown series, in the one error shape", async () => {
    const id = "c".repeat(25);
    const res = await fetch(`${app.url}/api/deployments/${id}/history/calls-traversal`, { headers: { cookie } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: `Deployment ${id} was not found` } });
    const bad = await fetch(`${app.url}/api/deployments/${f.deploymentId}/history/calls-total`, {
      headers: { cookie },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("calls-nontraversal");
  });

  it("draws no line for a box that exposes no licensed count, and names it", async () => {
    // vcs-c's status tree has no TraversalCalls (null), vcs-e2's says 0: neither is a count.
    await setLicensed("vcs-c", "traversal", null);
    await setLicensed("vcs-e2", "traversal", 0);
    const h = await get("calls-traversal");
    expect(h.references).toEqual([{ label: "licensed 50 (vcs-e1.example.local)", value: 50 }]);
    expect(h.unreferenced).toEqual(["vcs-c.example.local", "vcs-e2.example.local"]);
    expect(h.lines.length).toBe(6); // the calls in use are still drawn

    await setLicensed("vcs-e1", "traversal", null);
    const none = await get("calls-traversal");
    expect(none.references).toEqual([]);
    expect(none.unreferenced).toEqual(NAMES);
    // The other kind keeps its count.
    expect((await get("calls-nontraversal")).references).toEqual([
      { label: `licensed 100 (${NAMES.join(", ")})`, value: 100 },
    ]);
  });
});

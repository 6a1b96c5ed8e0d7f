import { describe, expect, it } from "vitest";
import {
  CMS_DEFAULT_EXISTING_CONFERENCE_BP,
  CMS_DEFAULT_NEW_CONFERENCE_BP,
  licenceReferences,
  loadLevels,
  loadReferences,
} from "@/lib/domain/capacity";

const limits = (loadLimit: number | null, existing = CMS_DEFAULT_EXISTING_CONFERENCE_BP) => ({
  loadLimit,
  newConferenceBasisPoints: CMS_DEFAULT_NEW_CONFERENCE_BP,
  existingConferenceBasisPoints: existing,
});

describe("loadLevels", () => {
  it("turns Cisco's basis points into load units of loadLimit", () => {
    expect(loadLevels(limits(1000))).toEqual({ limit: 1000, disfavour: 500, reject: 800 });
    expect(loadLevels(limits(2000, 9000))).toEqual({ limit: 2000, disfavour: 1000, reject: 1800 });
  });

  it("has no levels without a loadLimit (empty or 0 in the cluster configuration)", () => {
    expect(loadLevels(limits(null))).toBeNull();
    expect(loadLevels(limits(0))).toBeNull();
  });
});

describe("loadReferences", () => {
  it("gives the limit and the reject level of a Call Bridge, highest first, named", () => {
    expect(loadReferences([{ name: "cms1", limits: limits(1000) }])).toEqual([
      { label: "loadLimit 1000 (cms1)", value: 1000 },
      { label: "incoming calls rejected from 800 (cms1)", value: 800 },
    ]);
  });

  it("shares a line between Call Bridges with the same level, and leaves out one without a limit", () => {
    expect(
      loadReferences([
        { name: "cms1", limits: limits(1000) },
        { name: "cms2", limits: limits(1000, 9000) },
        { name: "cms3", limits: limits(null) },
        { name: "cms4", limits: null },
      ]),
    ).toEqual([
      { label: "loadLimit 1000 (cms1, cms2)", value: 1000 },
      { label: "incoming calls rejected from 900 (cms2)", value: 900 },
      { label: "incoming calls rejected from 800 (cms1)", value: 800 },
    ]);
    expect(loadReferences([{ name: "cms3", limits: limits(null) }])).toEqual([]);
  });
});

describe("licenceReferences", () => {
  it("gives one line per licensed count, highest first, shared by the Expressways that license it", () => {
    expect(
      licenceReferences([
        { name: "vcs-c", licensed: 50 },
        { name: "vcs-e1", licensed: 100 },
        { name: "vcs-e2", licensed: 50 },
      ]),
    ).toEqual([
      { label: "licensed 100 (vcs-e1)", value: 100 },
      { label: "licensed 50 (vcs-c, vcs-e2)", value: 50 },
    ]);
  });

  it("draws nothing for a box that exposes no count (null, or 0 as licenceVerdict reads it)", () => {
    expect(
      licenceReferences([
        { name: "vcs-c", licensed: null },
        { name: "vcs-e1", licensed: 0 },
      ]),
    ).toEqual([]);
    expect(
      licenceReferences([
        { name: "vcs-c", licensed: null },
        { name: "vcs-e1", licensed: 8 },
      ]),
    ).toEqual([{ label: "licensed 8 (vcs-e1)", value: 8 }]);
  });
});

import type { SnapshotLatest } from "./snapshot";

// CMS media processing load with the Call Bridge's loadLimit and its thresholds (R3; capacity
// headroom, docs/capacity.md). Wire format: ./cms-capacity.ts (the load and cluster endpoints).
// The load is charted (rollup series "load"); the snapshot keeps the limits and a load band.
export const id = "cms.load";
export type Id = typeof id;

/** One poll's reading. */
export interface CmsLoad {
  mediaProcessingLoad: number;
  loadLimit: number | null;
  newConferenceBasisPoints: number;
  existingConferenceBasisPoints: number;
}
export type Content = Omit<CmsLoad, "mediaProcessingLoad"> & { loadBand: number };

export interface CmsLoadView extends SnapshotLatest<Content> {
  /** The newest load band (at least this much, less than one band more). */
  mediaProcessingLoad: number;
}
export type Latest = CmsLoadView;

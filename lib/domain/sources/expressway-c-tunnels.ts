import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// Expressway-C Unified Communications SSH tunnels (V3, R2): one entry per (target Expressway-E,
// domain). Wire format: lib/server/formats/expressway-c-tunnels.ts.
export const id = "expressway-c.tunnels";
export type Id = typeof id;

export interface Tunnel {
  target: string;
  domain: string | null;
  status: string;
}
export interface Content {
  tunnels: Tunnel[];
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content>;

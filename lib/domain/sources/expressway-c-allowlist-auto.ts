import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// Expressway-C HTTP allow list, automatically added inbound rules (V2). Wire format:
// lib/server/formats/expressway-c-allowlist-auto.ts.
export const id = "expressway-c.allowlist-auto";
export type Id = typeof id;

/** One rule: methods upper-case and sorted, protocol lower-case. */
export interface AllowListRule {
  description: string | null;
  protocol: string;
  port: number;
  matchType: string | null;
  path: string;
  methods: string[];
}
export interface Content {
  rules: AllowListRule[];
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content>;

// What a check names as wrong, item by item: one list the check writes once and two readers
// share. The wall board says each item as "node: reason · ID" (board-words.ts); the verdict
// engine (lib/server/scenarios) weighs the symptoms each item points at and lets a down node
// explain only its own items. Isomorphic: the checks API carries these to the UI as they are.
import type { ScenarioId } from "./findings";

/** One thing a check found wrong (or, for an unknown check, missing), never parsed from its words. */
export interface FailingItem {
  /** The node's name as configured ("vcs-e1.example.local"); null: the deployment as a whole. */
  node: string | null;
  /**
   * The node's id (CheckNode id), set where the item fails with that node alone: the verdict engine
   * then lets a down Expressway-E explain only its own items (R2 explains the tunnel to it, not one
   * to a healthy node). Absent: the item does not scope which causes explain it.
   */
  nodeId?: string;
  /** What is wrong in a few words for the wall ("tunnel Inactive"); absent: the board says the check's summary. */
  reason?: string;
  /** The item in full, as the check's summary and the verdict say it ("vcs-e1.example.local: Inactive"). */
  about?: string;
  /** Symptoms it points at; [] = none of T1–T4; absent = the check's own cause-table weights. */
  scenarioIds?: readonly ScenarioId[];
  /** Domain ids it is evidence for, beyond the check's own. */
  domainIds?: readonly string[];
  /** What it means, in an operator's words. */
  meaning?: string;
}

/** The item in full words: its own `about`, else node and reason. */
export function itemAbout(x: FailingItem): string {
  if (x.about) return x.about;
  const reason = x.reason ?? "";
  return x.node ? `${x.node}: ${reason}` : reason;
}

/** One benchmark goal and what was measured against it. */
export interface BenchRow {
  id: string;
  what: string;
  goal: string;
  /** The measured figure, or null when it cannot be measured yet (and `note` says why). */
  measured: string | null;
  met: boolean | null;
  note?: string;
  raw?: Record<string, number | string>;
}

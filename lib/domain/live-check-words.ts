// What a "checked live" list says about one polled source (pure, unit-tested): healthy or
// unhealthy, and why, never just that it was polled. Used wherever sources are listed as live
// evidence (the troubleshooting page's "What Edgescope checked live", the deployment page).
import type { SourceStatus } from "./api-types";
import { formatAge } from "./freshness";
import { sourceHealth } from "./source-health";

export type LiveWord = "healthy" | "unhealthy" | "stale" | "no data";

export interface LiveCheckWords {
  word: LiveWord;
  /** "healthy · data 4 s old", "unhealthy: HTTP 500", "stale: last good data 3 min old", "no data: never polled" */
  text: string;
}

export function liveCheckWords(s: Pick<SourceStatus, "lastRun" | "stale" | "ageMs">): LiveCheckWords {
  switch (sourceHealth(s as SourceStatus)) {
    case "ok":
      return { word: "healthy", text: `healthy · data ${formatAge(s.ageMs)} old` };
    case "failing":
      return {
        word: "unhealthy",
        text: `unhealthy: ${s.lastRun?.message ?? s.lastRun?.outcome ?? "last poll failed"}`,
      };
    case "stale":
      return { word: "stale", text: `stale: last good data ${formatAge(s.ageMs)} old` };
    default:
      return { word: "no data", text: "no data: never polled" };
  }
}

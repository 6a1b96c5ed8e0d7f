import "server-only";
import { createHash } from "node:crypto";

/** A stable UUID-shaped id from a seed, so lab objects keep their ids across restarts and tests. */
export function labUuid(seed: string): string {
  const h = createHash("sha1").update(`edgescope-lab:${seed}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

import "server-only";
import type { NodeRole } from "@/lib/domain/types";
import { expresswayETurnRelays } from "./expressway-e-turn-relays";
import type { Collector } from "./types";

/** Every source Edgescope polls. Adding a source = one file + one line here. */
export const COLLECTORS: readonly Collector<unknown>[] = [expresswayETurnRelays as Collector<unknown>];

export function collectorsFor(role: NodeRole): Collector<unknown>[] {
  return COLLECTORS.filter((c) => c.roles.includes(role));
}

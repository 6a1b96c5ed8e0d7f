import "server-only";
import { z } from "zod";
import { hasRole, type SessionUser } from "@/lib/domain/roles";
import { AppError } from "@/lib/server/http/app-error";
import type { ProbeMode } from "./probe-runner";

// `?probe=1` on the checks and scenarios routes runs the probes now (engineer and up: it sends
// packets); without it the answer uses cached probe results with their age.
export const checksQuery = z.object({ probe: z.enum(["0", "1"], { error: 'probe must be "0" or "1"' }).optional() });

export function probeModeFor(user: SessionUser, query: z.infer<typeof checksQuery>): ProbeMode {
  if (query.probe !== "1") return "cached";
  if (!hasRole(user.role, "engineer")) throw new AppError(403, "forbidden", "Running probes needs the engineer role");
  return "run";
}

import "server-only";

import { z } from "zod";

import { formatHostPort, hostPortSchema, timeoutSchema } from "./host-port";
import { probeTurn, type TurnProbeResult } from "./turn";

// The registry's face of the TURN probe (T1, C3, C5): the same Binding → Allocate → release
// the Call Bridge does against Expressway-E, with the credentials from CMS's turnServer.

/** RFC 8489 §14.3: USERNAME is less than 513 bytes. */
const MAX_USERNAME = 512;
/** No RFC limit; a cap keeps a request body from smuggling megabytes into the key derivation. */
const MAX_PASSWORD = 256;

export const turnProbeInput = z.object({
  // Expressway-E's TURN port is 3478 unless tcpPortNumberOverride says otherwise (R6, C5).
  server: hostPortSchema({ defaultPort: 3478, example: "203.0.113.5:3478" }),
  transport: z.enum(["udp", "tcp"], { error: 'transport must be "udp" or "tcp"' }),
  username: z
    .string({ error: "username is required" })
    .min(1, "username is required")
    .max(MAX_USERNAME, `username must be at most ${MAX_USERNAME} characters`),
  password: z
    .string({ error: "password is required" })
    .min(1, "password is required")
    .max(MAX_PASSWORD, `password must be at most ${MAX_PASSWORD} characters`),
  timeoutMs: timeoutSchema(5000),
});

export type TurnProbeInput = z.output<typeof turnProbeInput>;

/** The answer never contains the password: TurnProbeResult has no field for it. */
export function runTurnProbe(input: TurnProbeInput): Promise<TurnProbeResult> {
  return probeTurn({
    server: formatHostPort(input.server),
    transport: input.transport,
    username: input.username,
    password: input.password,
    timeoutMs: input.timeoutMs,
  });
}

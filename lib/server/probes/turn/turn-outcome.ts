import "server-only";

import type { TurnProbeOutcome } from "./turn-types";

/**
 * Classifies an Allocate error code. `withCredentials` matters for 401: before we sent
 * credentials it is the expected challenge, afterwards it means the password was rejected.
 * 438 (Stale Nonce) is not classified here — the client retries it.
 */
export function outcomeForAllocateError(code: number, withCredentials: boolean): TurnProbeOutcome {
  switch (code) {
    case 401:
      return withCredentials ? "unauthorized" : "error";
    // RFC 8656 441 Wrong Credentials: same operator fix as 401 (C3/C5), so the same outcome.
    case 441:
      return "unauthorized";
    // Legacy RFC 3489 code that Expressway still sends for a bad MESSAGE-INTEGRITY (T1).
    case 431:
      return "integrity-check-failure";
    case 437:
      return "mismatch";
    case 486:
    case 508:
      return "quota";
    case 403:
      return "forbidden";
    default:
      return "error";
  }
}

import { describe, expect, it } from "vitest";

import { portResultFromBinding, tcpErrorOutcome } from "@/lib/server/probes/port";
import type { StunBindingResult } from "@/lib/server/probes/turn/turn-types";

describe("tcpErrorOutcome", () => {
  it.each([
    ["ECONNREFUSED", "refused"],
    ["ETIMEDOUT", "timeout"],
    ["EHOSTUNREACH", "unreachable"],
    ["ENETUNREACH", "unreachable"],
    ["ENOTFOUND", "unreachable"],
    ["EAI_AGAIN", "unreachable"],
    ["ECONNRESET", "error"],
    [undefined, "error"],
  ] as const)("%s → %s", (code, outcome) => {
    expect(tcpErrorOutcome(code)).toBe(outcome);
  });
});

describe("portResultFromBinding (UDP: open means a STUN answer)", () => {
  const target = "203.0.113.5:3478";
  const binding = (b: Partial<StunBindingResult>): StunBindingResult => ({
    outcome: "ok",
    rttMs: 12.5,
    steps: [],
    ...b,
  });

  it("Binding success → open, with RTT and SOFTWARE", () => {
    expect(portResultFromBinding(target, binding({ software: "TANDBERG/4352 (X15.0.2)" }), 3000)).toEqual({
      target,
      transport: "udp",
      open: true,
      outcome: "open",
      rttMs: 12.5,
      software: "TANDBERG/4352 (X15.0.2)",
      detail: "203.0.113.5:3478 answered a STUN Binding request",
    });
  });

  it("a STUN error response still proves the port is open", () => {
    expect(
      portResultFromBinding(target, binding({ outcome: "error", errorCode: 400, errorReason: "Bad Request" }), 3000),
    ).toMatchObject({
      open: true,
      outcome: "open",
      detail: "203.0.113.5:3478 answered a STUN Binding request with error 400",
    });
  });

  it("no answer → timeout, not open, and says UDP cannot tell closed from filtered", () => {
    expect(portResultFromBinding(target, binding({ outcome: "timeout", rttMs: null }), 3000)).toEqual({
      target,
      transport: "udp",
      open: false,
      outcome: "timeout",
      rttMs: null,
      detail: "no STUN answer from 203.0.113.5:3478 within 3000 ms (closed, filtered, or not a STUN/TURN server)",
    });
  });

  it.each([
    ["unreachable", "unreachable", "203.0.113.5:3478 is unreachable: DNS lookup failed"],
    ["error", "error", "STUN Binding to 203.0.113.5:3478 failed: DNS lookup failed"],
  ] as const)("%s → %s", (outcome, portOutcome, detail) => {
    expect(
      portResultFromBinding(target, binding({ outcome, rttMs: null, errorReason: "DNS lookup failed" }), 3000),
    ).toMatchObject({ open: false, outcome: portOutcome, detail });
  });
});

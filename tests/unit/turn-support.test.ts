import { describe, expect, it } from "vitest";

import { parseServer } from "@/lib/server/probes/turn/server-address";
import { bytesToIp, ipToBytes } from "@/lib/server/probes/turn/stun-address";
import { encodeStunMessage } from "@/lib/server/probes/turn/stun-codec";
import { StunStreamFramer } from "@/lib/server/probes/turn/tcp-framing";
import { outcomeForAllocateError } from "@/lib/server/probes/turn/turn-outcome";

describe("outcomeForAllocateError", () => {
  it.each([
    [401, true, "unauthorized"],
    [401, false, "error"],
    [431, true, "integrity-check-failure"],
    [441, true, "unauthorized"],
    [437, true, "mismatch"],
    [486, true, "quota"],
    [508, true, "quota"],
    [403, true, "forbidden"],
    [442, true, "error"],
    [500, false, "error"],
  ] as const)("%i (credentials sent: %s) → %s", (code, withCredentials, outcome) => {
    expect(outcomeForAllocateError(code, withCredentials)).toBe(outcome);
  });
});

describe("parseServer", () => {
  it.each([
    ["vcs-e1.example.local:3478", { host: "vcs-e1.example.local", port: 3478 }],
    ["vcs-e1.example.local", { host: "vcs-e1.example.local", port: 3478 }],
    ["10.0.0.36:443", { host: "10.0.0.36", port: 443 }],
    ["[2001:db8::36]:3478", { host: "2001:db8::36", port: 3478 }],
    ["[2001:db8::36]", { host: "2001:db8::36", port: 3478 }],
    ["2001:db8::36", { host: "2001:db8::36", port: 3478 }],
    [" 203.0.113.5:3479 ", { host: "203.0.113.5", port: 3479 }],
  ])("%s", (input, expected) => {
    expect(parseServer(input)).toEqual(expected);
  });

  it.each(["", "host:", "host:0", "host:70000", "host:abc", "a b:1", "[::1]x"])("rejects %j", (input) => {
    expect(parseServer(input)).toBeUndefined();
  });
});

describe("IP text ⇄ bytes", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["2001:db8:1234:5678:11:2233:4455:6677", "2001:db8:1234:5678:11:2233:4455:6677"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["::", "::"],
    ["::1", "::1"],
    ["fe80::", "fe80::"],
    ["2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"],
    ["2001:db8::1:0:0:1", "2001:db8::1:0:0:1"],
    ["::ffff:192.0.2.1", "::ffff:c000:201"],
  ])("%s → %s", (input, canonical) => {
    const bytes = ipToBytes(input);
    expect(bytes.length).toBe(input.includes(":") ? 16 : 4);
    expect(bytesToIp(bytes)).toBe(canonical);
  });
});

describe("StunStreamFramer (STUN over TCP)", () => {
  const TXID = Buffer.alloc(12, 7);
  const a = encodeStunMessage({
    method: 1,
    cls: "success",
    transactionId: TXID,
    attributes: [{ type: "SOFTWARE", value: "abc" }],
  });
  const b = encodeStunMessage({
    method: 3,
    cls: "error",
    transactionId: TXID,
    attributes: [{ type: "ERROR-CODE", code: 401, reason: "Unauthorized" }],
  });
  const channelData = Buffer.from("4000000561626364650000 00".replace(/ /g, ""), "hex"); // 5 bytes + 3 padding
  const stream = Buffer.concat([a, channelData, b]);

  it("splits back-to-back messages delivered in one chunk", () => {
    const { frames, error } = new StunStreamFramer().push(stream);
    expect(error).toBeUndefined();
    expect(frames.map((f) => [f.kind, f.data.length])).toEqual([
      ["stun", a.length],
      ["channel-data", 12],
      ["stun", b.length],
    ]);
  });

  it.each([1, 2, 3, 5, 7, 19, 21])("reassembles messages split into %i-byte chunks", (size) => {
    const framer = new StunStreamFramer();
    const out: Buffer[] = [];
    for (let i = 0; i < stream.length; i += size)
      out.push(...framer.push(stream.subarray(i, i + size)).frames.map((f) => f.data));
    expect(Buffer.concat(out).equals(stream)).toBe(true);
    expect(out).toHaveLength(3);
  });

  it("declares the stream broken on bytes that are neither STUN nor ChannelData", () => {
    const framer = new StunStreamFramer();
    const first = framer.push(Buffer.concat([a, Buffer.from("8060000a", "hex")])); // an RTP header
    expect(first.frames).toHaveLength(1);
    expect(first.error).toMatch(/neither STUN nor ChannelData/);
    expect(framer.push(a)).toEqual({ frames: [], error: first.error });
  });
});

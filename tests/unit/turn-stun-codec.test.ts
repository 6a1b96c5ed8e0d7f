import { describe, expect, it } from "vitest";

import { crc32 } from "@/lib/server/probes/turn/crc32";
import {
  StunMethod,
  decodeMessageType,
  decodeStunMessage,
  encodeMessageType,
  encodeStunMessage,
  findAttribute,
  isStunMessage,
  longTermKey,
  messageLabel,
  newTransactionId,
  verifyFingerprint,
  verifyMessageIntegrity,
  type StunAttribute,
  type StunClass,
  type StunMessage,
} from "@/lib/server/probes/turn/stun-codec";

const TXID = Buffer.from("0102030405060708090a0b0c", "hex");

function roundtrip(msg: StunMessage, options?: Parameters<typeof encodeStunMessage>[1]) {
  const bytes = encodeStunMessage(msg, options);
  const decoded = decodeStunMessage(bytes);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return { bytes, decoded: decoded.message };
}

describe("message type bits", () => {
  it.each([
    [StunMethod.Binding, "request", 0x0001],
    [StunMethod.Binding, "success", 0x0101],
    [StunMethod.Binding, "error", 0x0111],
    [StunMethod.Allocate, "request", 0x0003],
    [StunMethod.Allocate, "success", 0x0103],
    [StunMethod.Allocate, "error", 0x0113],
    [StunMethod.Refresh, "request", 0x0004],
    [StunMethod.Send, "indication", 0x0016],
    [StunMethod.Data, "indication", 0x0017],
    [StunMethod.CreatePermission, "request", 0x0008],
    [StunMethod.ChannelBind, "success", 0x0109],
    [0xfff, "error", 0x3fff],
  ] as const)("method %i %s ⇄ type %i", (method, cls, type) => {
    expect(encodeMessageType(method, cls)).toBe(type);
    expect(decodeMessageType(type)).toEqual({ method, cls });
  });

  it("labels messages the way Wireshark does", () => {
    expect(messageLabel(StunMethod.Allocate, "error")).toBe("Allocate error response");
    expect(messageLabel(StunMethod.ChannelBind, "request")).toBe("ChannelBind request");
    expect(messageLabel(0x0ab, "indication")).toBe("Method 0x0ab indication");
  });
});

const ATTRIBUTE_CASES: Array<[string, StunAttribute]> = [
  ["MAPPED-ADDRESS v4", { type: "MAPPED-ADDRESS", address: { family: "IPv4", address: "198.51.100.7", port: 3478 } }],
  [
    "XOR-MAPPED-ADDRESS v4",
    { type: "XOR-MAPPED-ADDRESS", address: { family: "IPv4", address: "203.0.113.5", port: 1 } },
  ],
  [
    "XOR-MAPPED-ADDRESS v6",
    { type: "XOR-MAPPED-ADDRESS", address: { family: "IPv6", address: "2001:db8::1", port: 65535 } },
  ],
  [
    "XOR-RELAYED-ADDRESS v4",
    { type: "XOR-RELAYED-ADDRESS", address: { family: "IPv4", address: "10.0.0.36", port: 24000 } },
  ],
  [
    "XOR-RELAYED-ADDRESS v6",
    { type: "XOR-RELAYED-ADDRESS", address: { family: "IPv6", address: "::ffff:c000:201", port: 29999 } },
  ],
  ["XOR-PEER-ADDRESS v4", { type: "XOR-PEER-ADDRESS", address: { family: "IPv4", address: "0.0.0.0", port: 0 } }],
  ["XOR-PEER-ADDRESS v6", { type: "XOR-PEER-ADDRESS", address: { family: "IPv6", address: "::", port: 9 } }],
  ["USERNAME", { type: "USERNAME", value: "cmsturn" }],
  ["USERNAME (UTF-8, odd length)", { type: "USERNAME", value: "mätrïx" }],
  ["REALM", { type: "REALM", value: "TANDBERG" }],
  ["NONCE", { type: "NONCE", value: "a1b2c3d4e5f60718" }],
  ["SOFTWARE empty", { type: "SOFTWARE", value: "" }],
  ["ERROR-CODE 431", { type: "ERROR-CODE", code: 431, reason: "Integrity Check Failure" }],
  ["ERROR-CODE 300", { type: "ERROR-CODE", code: 300, reason: "" }],
  ["LIFETIME", { type: "LIFETIME", seconds: 600 }],
  ["LIFETIME max", { type: "LIFETIME", seconds: 0xffffffff }],
  ["REQUESTED-TRANSPORT", { type: "REQUESTED-TRANSPORT", protocol: 17 }],
  ["unknown comprehension-optional", { type: "RAW", code: 0xc057, name: "0xc057", value: Buffer.from([1, 2, 3]) }],
  ["unknown empty", { type: "RAW", code: 0x7fff, name: "0x7fff", value: Buffer.alloc(0) }],
];

describe("encode → decode roundtrip", () => {
  it.each(ATTRIBUTE_CASES)("%s", (_name, attr) => {
    const { bytes, decoded } = roundtrip({
      method: StunMethod.Allocate,
      cls: "success",
      transactionId: TXID,
      attributes: [attr],
    });
    expect(bytes.length % 4).toBe(0);
    expect(decoded.attributes).toEqual([attr]);
  });

  it.each(["request", "indication", "success", "error"] as StunClass[])(
    "keeps method, class and transaction id (%s)",
    (cls) => {
      const transactionId = newTransactionId();
      const { decoded } = roundtrip({ method: StunMethod.CreatePermission, cls, transactionId, attributes: [] });
      expect(decoded).toMatchObject({ method: StunMethod.CreatePermission, cls, transactionId });
    },
  );

  it("signs with a long-term key and appends FINGERPRINT last", () => {
    const key = longTermKey("cmsturn", "TANDBERG", "s3cret");
    const attributes: StunAttribute[] = [
      { type: "REQUESTED-TRANSPORT", protocol: 17 },
      { type: "USERNAME", value: "cmsturn" },
      { type: "REALM", value: "TANDBERG" },
      { type: "NONCE", value: "abc" },
    ];
    const { bytes, decoded } = roundtrip(
      { method: StunMethod.Allocate, cls: "request", transactionId: TXID, attributes },
      { integrityKey: key, fingerprint: true },
    );
    expect(decoded.attributes.map((a) => a.type)).toEqual([
      ...attributes.map((a) => a.type),
      "MESSAGE-INTEGRITY",
      "FINGERPRINT",
    ]);
    expect(verifyMessageIntegrity(bytes, key)).toBe("valid");
    expect(verifyMessageIntegrity(bytes, longTermKey("cmsturn", "TANDBERG", "wrong"))).toBe("invalid");
    expect(verifyFingerprint(bytes)).toBe("valid");
    expect(findAttribute(decoded, "FINGERPRINT")?.crc).toBe(bytes.readUInt32BE(bytes.length - 4));
  });

  it("reports absent MI/FINGERPRINT on an unsigned message", () => {
    const { bytes } = roundtrip({ method: StunMethod.Binding, cls: "request", transactionId: TXID, attributes: [] });
    expect(bytes.length).toBe(20);
    expect(verifyMessageIntegrity(bytes, Buffer.from("k"))).toBe("absent");
    expect(verifyFingerprint(bytes)).toBe("absent");
  });

  it("calls a FINGERPRINT that is not the last attribute invalid", () => {
    const signed = encodeStunMessage(
      { method: 1, cls: "request", transactionId: TXID, attributes: [] },
      { fingerprint: true },
    );
    const crc = signed.readUInt32BE(24);
    const bytes = encodeStunMessage({
      method: 1,
      cls: "request",
      transactionId: TXID,
      attributes: [
        { type: "FINGERPRINT", crc },
        { type: "SOFTWARE", value: "x" },
      ],
    });
    expect(verifyFingerprint(bytes)).toBe("invalid");
  });

  it("refuses to encode a bad transaction id or error code (caller bugs)", () => {
    expect(() =>
      encodeStunMessage({ method: 1, cls: "request", transactionId: Buffer.alloc(16), attributes: [] }),
    ).toThrow(RangeError);
    expect(() =>
      encodeStunMessage({
        method: 1,
        cls: "error",
        transactionId: TXID,
        attributes: [{ type: "ERROR-CODE", code: 99, reason: "" }],
      }),
    ).toThrow(RangeError);
  });
});

describe("tolerant attribute decoding", () => {
  const withRaw = (code: number, value: Buffer) =>
    encodeStunMessage({
      method: 3,
      cls: "error",
      transactionId: TXID,
      attributes: [{ type: "RAW", code, name: "", value }],
    });

  it.each([
    ["address with unknown family", 0x0020, Buffer.from("0003a147e112a643", "hex"), /family/],
    ["IPv4 address too long", 0x0016, Buffer.from("0001a147e112a64300", "hex"), /length/],
    ["address too short", 0x0001, Buffer.from("00", "hex"), /shorter/],
    ["LIFETIME of 2 bytes", 0x000d, Buffer.from("0258", "hex"), /4 bytes/],
    ["ERROR-CODE too short", 0x0009, Buffer.from("0004", "hex"), /shorter/],
    ["ERROR-CODE number 120", 0x0009, Buffer.from("00000478", "hex"), /range/],
    ["MESSAGE-INTEGRITY of 19 bytes", 0x0008, Buffer.alloc(19), /20 bytes/],
  ])("%s becomes a RAW attribute with a problem", (_name, code, value, problem) => {
    const decoded = decodeStunMessage(withRaw(code, value));
    expect(decoded.ok).toBe(true);
    const attr = decoded.ok ? decoded.message.attributes[0] : undefined;
    expect(attr?.type).toBe("RAW");
    expect(attr?.type === "RAW" ? attr.problem : undefined).toMatch(problem);
  });

  it("strips the NUL terminator coturn puts after reason phrases", () => {
    const value = Buffer.concat([
      Buffer.from([0, 0, 4, 37]),
      Buffer.from("Mismatched allocation: wrong transaction ID\0"),
    ]);
    const decoded = decodeStunMessage(withRaw(0x0009, value));
    expect(decoded.ok && findAttribute(decoded.message, "ERROR-CODE")).toEqual({
      type: "ERROR-CODE",
      code: 437,
      reason: "Mismatched allocation: wrong transaction ID",
    });
  });
});

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe("isStunMessage", () => {
  it("accepts whole STUN messages only", () => {
    const ok = encodeStunMessage({ method: 1, cls: "request", transactionId: TXID, attributes: [] });
    expect(isStunMessage(ok)).toBe(true);
    expect(isStunMessage(ok.subarray(0, 19))).toBe(false);
    expect(isStunMessage(Buffer.concat([ok, Buffer.alloc(4)]))).toBe(false);
    expect(isStunMessage(Buffer.from("16030100", "hex"))).toBe(false); // TLS record
    expect(isStunMessage(Buffer.alloc(20, 0x80))).toBe(false); // RTP-ish
  });
});

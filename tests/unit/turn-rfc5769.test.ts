import { describe, expect, it } from "vitest";

import {
  StunMethod,
  decodeStunMessage,
  findAttribute,
  longTermKey,
  saslPrep,
  shortTermKey,
  verifyFingerprint,
  verifyMessageIntegrity,
  type DecodedStunMessage,
} from "@/lib/server/probes/turn/stun-codec";

// RFC 5769 test vectors, transcribed from the RFC's hex dumps (padding bytes included verbatim:
// the RFC pads with 0x20, which real decoders must accept).
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

const SAMPLE_REQUEST = hex(`
  000100582112a442b7e7a701bc34d686fa87dfae
  802200105354554e207465737420636c69656e74
  002400046e0001ff80290008932ff9b151263b36
  000600096576746a3a68367659202020
  000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2
  80280004e57a3bcf`);

const SAMPLE_IPV4_RESPONSE = hex(`
  0101003c2112a442b7e7a701bc34d686fa87dfae
  8022000b7465737420766563746f7220
  002000080001a147e112a643
  000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7
  80280004c07d4c96`);

const SAMPLE_IPV6_RESPONSE = hex(`
  010100482112a442b7e7a701bc34d686fa87dfae
  8022000b7465737420766563746f7220
  002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9
  00080014a382954e4be67bf11784c97c8292c275bfe3ed41
  80280004c8fb0b4c`);

const SAMPLE_LONG_TERM_REQUEST = hex(`
  000100602112a44278ad3433c6ad72c029da412e
  00060012e3839ee38388e383aae38383e382afe382b90000
  0015001c662f2f3439396b39353464364f4c33346f4c39465354767936347341
  0014000b6578616d706c652e6f726700
  00080014f67024656dd64a3e02b8e0712e85c9a28ca89666`);

const SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

function decode(buf: Buffer): DecodedStunMessage {
  const result = decodeStunMessage(buf);
  if (!result.ok) throw new Error(`vector did not decode: ${result.error.message}`);
  return result.message;
}

describe("RFC 5769 §2.1 sample request (short-term credentials)", () => {
  const msg = decode(SAMPLE_REQUEST);

  it("decodes header and attributes", () => {
    expect(msg.method).toBe(StunMethod.Binding);
    expect(msg.cls).toBe("request");
    expect(msg.transactionId.toString("hex")).toBe("b7e7a701bc34d686fa87dfae");
    expect(findAttribute(msg, "SOFTWARE")?.value).toBe("STUN test client");
    expect(findAttribute(msg, "USERNAME")?.value).toBe("evtj:h6vY");
    // PRIORITY and ICE-CONTROLLED are not modelled; they must survive as raw attributes.
    const raws = msg.attributes.filter((a) => a.type === "RAW");
    expect(raws.map((a) => a.type === "RAW" && [a.name, a.value.toString("hex")])).toEqual([
      ["PRIORITY", "6e0001ff"],
      ["ICE-CONTROLLED", "932ff9b151263b36"],
    ]);
  });

  it("verifies MESSAGE-INTEGRITY with the password and FINGERPRINT", () => {
    expect(verifyMessageIntegrity(SAMPLE_REQUEST, shortTermKey(SHORT_TERM_PASSWORD))).toBe("valid");
    expect(verifyMessageIntegrity(SAMPLE_REQUEST, shortTermKey("wrong"))).toBe("invalid");
    expect(verifyFingerprint(SAMPLE_REQUEST)).toBe("valid");
  });

  it("detects a single flipped bit", () => {
    const tampered = Buffer.from(SAMPLE_REQUEST);
    tampered[24] = (tampered[24] ?? 0) ^ 0x01;
    expect(verifyMessageIntegrity(tampered, shortTermKey(SHORT_TERM_PASSWORD))).toBe("invalid");
    expect(verifyFingerprint(tampered)).toBe("invalid");
  });
});

describe("RFC 5769 §2.2/§2.3 sample responses", () => {
  it.each([
    ["IPv4", SAMPLE_IPV4_RESPONSE, { family: "IPv4", address: "192.0.2.1", port: 32853 }],
    ["IPv6", SAMPLE_IPV6_RESPONSE, { family: "IPv6", address: "2001:db8:1234:5678:11:2233:4455:6677", port: 32853 }],
  ])("%s: decodes XOR-MAPPED-ADDRESS exactly and verifies MI + FINGERPRINT", (_name, buf, expected) => {
    const msg = decode(buf);
    expect(msg.method).toBe(StunMethod.Binding);
    expect(msg.cls).toBe("success");
    expect(findAttribute(msg, "SOFTWARE")?.value).toBe("test vector");
    expect(findAttribute(msg, "XOR-MAPPED-ADDRESS")?.address).toEqual(expected);
    expect(verifyMessageIntegrity(buf, shortTermKey(SHORT_TERM_PASSWORD))).toBe("valid");
    expect(verifyFingerprint(buf)).toBe("valid");
  });
});

describe("RFC 5769 §2.4 sample request with long-term credentials", () => {
  const msg = decode(SAMPLE_LONG_TERM_REQUEST);
  const username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";

  it("decodes USERNAME, NONCE and REALM", () => {
    expect(msg.transactionId.toString("hex")).toBe("78ad3433c6ad72c029da412e");
    expect(findAttribute(msg, "USERNAME")?.value).toBe(username);
    expect(findAttribute(msg, "NONCE")?.value).toBe("f//499k954d6OL34oL9FSTvy64sA");
    expect(findAttribute(msg, "REALM")?.value).toBe("example.org");
  });

  it("SASLprep maps the password to TheMatrIX", () => {
    expect(saslPrep("The\u00ADM\u00AAtr\u2168")).toBe("TheMatrIX");
  });

  it("verifies MESSAGE-INTEGRITY with MD5(user:realm:SASLprep(password)); it carries no FINGERPRINT", () => {
    const key = longTermKey(username, "example.org", "The\u00ADM\u00AAtr\u2168");
    expect(key).toEqual(longTermKey(username, "example.org", "TheMatrIX"));
    expect(verifyMessageIntegrity(SAMPLE_LONG_TERM_REQUEST, key)).toBe("valid");
    expect(verifyMessageIntegrity(SAMPLE_LONG_TERM_REQUEST, longTermKey(username, "example.org", "TheMatrix"))).toBe(
      "invalid",
    );
    expect(verifyFingerprint(SAMPLE_LONG_TERM_REQUEST)).toBe("absent");
  });
});

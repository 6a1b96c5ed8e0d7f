import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, sortedBy } from "@/lib/server/collectors/snapshot-store";

describe("canonical JSON and content hash", () => {
  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("hashes equal content equally whatever the key order, and drops undefined", () => {
    expect(contentHash({ a: 1, b: [1, 2], u: undefined })).toBe(contentHash({ b: [1, 2], a: 1 }));
    expect(contentHash({ a: 1, b: [1, 2] })).not.toBe(contentHash({ a: 1, b: [2, 1] }));
    expect(contentHash({ a: null })).not.toBe(contentHash({}));
  });

  it("sortedBy gives a stable order for unordered device lists", () => {
    expect(sortedBy([{ k: "b" }, { k: "a" }, { k: "c" }], (x) => x.k).map((x) => x.k)).toEqual(["a", "b", "c"]);
  });
});

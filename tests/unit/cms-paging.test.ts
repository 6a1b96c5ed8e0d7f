import { describe, expect, it } from "vitest";
import { fetchAllPages, type PageFetcher } from "@/lib/server/collectors/cms-client";
import { COLLECTIONS } from "@/lib/domain/sources/cms-api";
import { parseCmsCollection } from "@/lib/server/parsing/cms-xml";
import { fail } from "@/lib/server/transport/failure";

// A CMS collection of `n` items that answers at most `cap` per page, whatever limit asks.
function fakeCms(n: number, cap: number, calls: [number, number][] = []): PageFetcher {
  return async (offset, limit) => {
    calls.push([offset, limit]);
    const items = Array.from({ length: n }, (_, i) => `<turnServer id="t${i}"/>`).slice(
      offset,
      offset + Math.min(limit, cap),
    );
    return parseCmsCollection(`<turnServers total="${n}">${items.join("")}</turnServers>`, COLLECTIONS.turnServers);
  };
}

describe("fetchAllPages (CMS offset/limit paging until total)", () => {
  it.each([
    [5, 2, 20, [0, 2, 4]],
    [5, 20, 20, [0]],
    [4, 2, 2, [0, 2]],
    [0, 10, 20, [0]],
  ])("%i items, %i per page at most, limit %i → offsets %j", async (n, cap, limit, offsets) => {
    const calls: [number, number][] = [];
    const r = await fetchAllPages(fakeCms(n, cap, calls), limit);
    expect(r.ok && r.value.map((i) => i.id)).toEqual(Array.from({ length: n }, (_, i) => `t${i}`));
    expect(calls.map(([o]) => o)).toEqual(offsets);
    expect(calls.every(([, l]) => l === limit)).toBe(true);
  });

  it("stops on an empty page even when total promised more (items deleted meanwhile)", async () => {
    const r = await fetchAllPages(
      async (offset) =>
        parseCmsCollection(
          `<turnServers total="9">${offset === 0 ? `<turnServer id="a"/>` : ""}</turnServers>`,
          COLLECTIONS.turnServers,
        ),
      1,
    );
    expect(r.ok && r.value.map((i) => i.id)).toEqual(["a"]);
  });

  it("de-duplicates an item seen on two pages (added meanwhile shifts the list)", async () => {
    const pages = [`<turnServer id="a"/><turnServer id="b"/>`, `<turnServer id="b"/><turnServer id="c"/>`];
    let i = 0;
    const r = await fetchAllPages(
      async () =>
        parseCmsCollection(`<turnServers total="4">${pages[i++] ?? ""}</turnServers>`, COLLECTIONS.turnServers),
      2,
    );
    expect(r.ok && r.value.map((x) => x.id)).toEqual(["a", "b", "c"]);
  });

  it("gives up as a parse failure on a CMS that never ends", async () => {
    let n = 0;
    const r = await fetchAllPages(
      async () =>
        parseCmsCollection(
          `<turnServers total="1000000"><turnServer id="x${n++}"/></turnServers>`,
          COLLECTIONS.turnServers,
        ),
      1,
    );
    expect(r).toMatchObject({
      ok: false,
      failure: { kind: "parse", message: expect.stringMatching(/paging did not finish/) },
    });
  });

  it("passes a transport failure of any page through", async () => {
    const r = await fetchAllPages(
      async (offset) => (offset === 0 ? fakeCms(3, 1)(0, 1) : fail("timeout", "timed out")),
      1,
    );
    expect(r).toEqual({ ok: false, failure: { kind: "timeout", message: "timed out" } });
  });
});

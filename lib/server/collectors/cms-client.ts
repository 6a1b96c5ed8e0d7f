import "server-only";
import { CMS_PAGE_LIMIT, type CmsCollection } from "@/lib/domain/sources/cms-api";
import { failureDetailOf, parseCmsCollection, type CmsPage } from "@/lib/server/parsing/cms-xml";
import type { NodeEndpoint } from "@/lib/server/transport/endpoint";
import { fail, ok, type Result } from "@/lib/server/transport/failure";
import { getText } from "@/lib/server/transport/http-client";

/** Pages a collection can take before we call it a loop: 100 × 20 items is far beyond a real CMS. */
const MAX_PAGES = 100;

/** GETs one CMS API path; an error answer's <failureDetails> reason joins the message. */
export async function getCmsText(endpoint: NodeEndpoint, path: string): Promise<Result<string>> {
  const res = await getText(endpoint, path, { accept: "application/xml" });
  if (res.ok) return ok(res.value.body);
  const detail = failureDetailOf(res.failure.excerpt);
  return detail
    ? { ok: false, failure: { ...res.failure, message: `${res.failure.message} (CMS failureDetails: ${detail})` } }
    : res;
}

/** GETs a CMS path and parses it with `parse`, which gets the body (for excerpts) too. */
export async function getCmsParsed<T>(
  endpoint: NodeEndpoint,
  path: string,
  parse: (xml: string) => Result<T>,
): Promise<Result<T>> {
  const res = await getCmsText(endpoint, path);
  return res.ok ? parse(res.value) : res;
}

export type PageFetcher = (offset: number, limit: number) => Promise<Result<CmsPage>>;

/**
 * Reads every item of a paged collection: asks for `limit` items at a time from `offset`, and
 * goes on until `total` items were seen or a page comes back empty (CMS may answer fewer items
 * than asked). Items are de-duplicated by id, since the list can change between pages.
 */
export async function fetchAllPages(fetchPage: PageFetcher, limit = CMS_PAGE_LIMIT): Promise<Result<CmsPage["items"]>> {
  const seen = new Map<string, CmsPage["items"][number]>();
  let offset = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await fetchPage(offset, limit);
    if (!res.ok) return res;
    for (const item of res.value.items) if (!seen.has(item.id)) seen.set(item.id, item);
    offset += res.value.items.length;
    if (res.value.items.length === 0 || offset >= res.value.total) return ok([...seen.values()]);
  }
  return fail("parse", `paging did not finish after ${MAX_PAGES} pages (offset ${offset})`);
}

/** Every item of a CMS collection, paged with offset/limit [C]. */
export function getCmsCollection(
  endpoint: NodeEndpoint,
  c: CmsCollection,
  limit = CMS_PAGE_LIMIT,
): Promise<Result<CmsPage["items"]>> {
  return fetchAllPages(async (offset, lim) => {
    const res = await getText(endpoint, `${c.path}?offset=${offset}&limit=${lim}`, { accept: "application/xml" });
    if (!res.ok) return res;
    return parseCmsCollection(res.value.body, c);
  }, limit);
}

/** Runs `fn` on every item concurrently; the first failure (in item order) fails the whole source. */
export async function forEachItem<I, T>(items: I[], fn: (item: I) => Promise<Result<T>>): Promise<Result<T[]>> {
  const results = await Promise.all(items.map(fn));
  const out: T[] = [];
  for (const r of results) {
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

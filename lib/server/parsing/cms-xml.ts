import "server-only";
import type { CmsCollection } from "@/lib/domain/sources/cms-api";
import { excerptOf, fail, ok, type Result } from "@/lib/server/transport/failure";
import { parseXml, type XmlElement } from "./xml";

// Meeting Server API answers: one root element, collections as <xxx total="N"> with <x id="…">
// items [C]. Unknown elements are ignored everywhere; element order never matters.

/** Parses a CMS answer; when `root` is given the root element must have that local name. */
export function parseCmsDocument(text: string, root?: string): Result<XmlElement> {
  const doc = parseXml(text);
  if (!doc.ok) return doc;
  if (root && doc.value.name !== root) {
    return fail("parse", `expected <${root}> as the root element, got <${doc.value.name}>`, {
      path: doc.value.path,
      excerpt: excerptOf(text),
    });
  }
  return doc;
}

export interface CmsPage {
  total: number;
  /** Each item with its id and the page it came from (for parse-failure excerpts) */
  items: { id: string; el: XmlElement; page: string }[];
}

/** One page of a collection: its `total` attribute and the items, each with its `id` attribute. */
export function parseCmsCollection(text: string, c: Pick<CmsCollection, "wrapper" | "item">): Result<CmsPage> {
  const doc = parseCmsDocument(text, c.wrapper);
  if (!doc.ok) return doc;
  const totalAttr = doc.value.attr("total");
  const items = doc.value.children(c.item);
  // total is [C] on every collection; without it, the page itself is all there is.
  const total = totalAttr === undefined ? items.length : Number(totalAttr);
  if (!Number.isInteger(total) || total < 0) {
    return fail("parse", `${doc.value.path}/@total: unexpected value ${JSON.stringify(totalAttr)}`, {
      path: `${doc.value.path}/@total`,
      excerpt: excerptOf(text),
    });
  }
  const out: CmsPage["items"] = [];
  for (const el of items) {
    const id = el.attr("id");
    if (!id) return fail("parse", `${el.path}/@id: missing`, { path: `${el.path}/@id`, excerpt: excerptOf(text) });
    out.push({ id, el, page: text });
  }
  return ok({ total, items: out });
}

/** The reason element inside a CMS <failureDetails> error body, e.g. "turnServerDoesNotExist". */
export function failureDetailOf(body: string | undefined): string | undefined {
  return body?.match(/<failureDetails\b[^<>]*>\s*<([A-Za-z][\w-]*)/)?.[1];
}

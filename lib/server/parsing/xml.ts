import "server-only";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { z } from "zod";
import { excerptOf, fail, ok, type Result } from "@/lib/server/transport/failure";

// Expressway (CUIL) and CMS both answer XML. Elements are looked up by local name, so
// namespaces, `item` attributes and unknown siblings never matter to a parser.

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: () => true, // every element may repeat; one shape keeps lookups uniform
});

type Raw = Record<string, unknown> | string;

/** A read-only view of one element with the path that led to it (for error messages). */
export class XmlElement {
  constructor(
    readonly name: string,
    private readonly raw: Raw,
    readonly path: string,
  ) {}

  children(name: string): XmlElement[] {
    if (typeof this.raw === "string") return [];
    const list = this.raw[name];
    if (!Array.isArray(list)) return [];
    return list.map(
      (r, i) => new XmlElement(name, r as Raw, `${this.path}/${name}${list.length > 1 ? `[${i + 1}]` : ""}`),
    );
  }

  child(name: string): XmlElement | undefined {
    return this.children(name)[0];
  }

  /** Follows a slash-separated path of local names, e.g. "Relays/Current". */
  at(path: string): XmlElement | undefined {
    let el: XmlElement | undefined = this;
    for (const part of path.split("/")) el = el?.child(part);
    return el;
  }

  /** All descendants with this local name, in document order, at any depth. */
  descendants(name: string): XmlElement[] {
    const out: XmlElement[] = [];
    for (const key of this.childNames()) {
      for (const c of this.children(key)) {
        if (key === name) out.push(c);
        out.push(...c.descendants(name));
      }
    }
    return out;
  }

  childNames(): string[] {
    return typeof this.raw === "string"
      ? []
      : Object.keys(this.raw).filter((k) => !k.startsWith("@_") && k !== "#text");
  }

  text(): string | undefined {
    if (typeof this.raw === "string") return this.raw;
    const t = this.raw["#text"];
    return t === undefined ? (this.childNames().length === 0 ? "" : undefined) : String(t);
  }

  textAt(path: string): string | undefined {
    return this.at(path)?.text();
  }

  attr(name: string): string | undefined {
    if (typeof this.raw === "string") return undefined;
    const v = this.raw[`@_${name}`];
    return v === undefined ? undefined : String(v);
  }
}

/** Parses a document and returns its root element, or a parse failure naming line and column. */
export function parseXml(text: string): Result<XmlElement> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    return fail("parse", `malformed XML at line ${line}, column ${col}: ${msg}`, { excerpt: excerptOf(text) });
  }
  const doc = parser.parse(text) as Record<string, unknown>;
  const rootName = Object.keys(doc).find((k) => !k.startsWith("?"));
  const rootList = rootName ? doc[rootName] : undefined;
  if (!rootName || !Array.isArray(rootList) || rootList.length === 0)
    return fail("parse", "XML document has no root element", { excerpt: excerptOf(text) });
  return ok(new XmlElement(rootName, rootList[0] as Raw, `/${rootName}`));
}

/**
 * Validates values extracted from XML with a zod schema. A failure names the element path of the
 * first bad field (from `paths`, keyed by the top-level field name) and shows what was there.
 */
export function validateExtracted<S extends z.ZodType>(
  schema: S,
  data: unknown,
  paths: Record<string, string>,
  source: string,
): Result<z.infer<S>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? "");
  const found = issue.path.reduce<unknown>(
    (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey],
    data,
  );
  const where = paths[field] ?? field;
  return fail(
    "parse",
    `${where}: ${found === undefined ? "missing" : `unexpected value ${JSON.stringify(found)}`} (${issue.message})`,
    {
      path: where,
      excerpt: excerptOf(source),
    },
  );
}

/**
 * Reads named fields of one element (`fields` maps a value name to a path below `el`) and
 * validates them; a failure names the element path of the bad field, e.g. /Status/…/Tunnel[2]/Status.
 */
export function readFields<S extends z.ZodType>(
  el: XmlElement,
  fields: Record<string, string>,
  schema: S,
  source: string,
): Result<z.infer<S>> {
  const raw: Record<string, string | undefined> = {};
  const paths: Record<string, string> = {};
  for (const [key, rel] of Object.entries(fields)) {
    raw[key] = el.textAt(rel);
    paths[key] = `${el.path}/${rel}`;
  }
  return validateExtracted(schema, raw, paths, source);
}

/** Child elements of `el` that are entries (have children of their own), whatever their name. */
export function entryElements(el: XmlElement): XmlElement[] {
  return el
    .childNames()
    .flatMap((n) => el.children(n))
    .filter((c) => c.childNames().length > 0);
}

/** readFields over every entry element of `container`; the first bad entry fails the lot. */
export function readEntries<S extends z.ZodType>(
  container: XmlElement,
  fields: Record<string, string>,
  schema: S,
  source: string,
): Result<z.infer<S>[]> {
  const out: z.infer<S>[] = [];
  for (const entry of entryElements(container)) {
    const r = readFields(entry, fields, schema, source);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

/** For each field, the element names a box may use, our reading first (inferred formats). */
export type { Aliases } from "@/lib/domain/sources/wire";
import type { Aliases } from "@/lib/domain/sources/wire";

/** Which alias each field matched: the first one present below `el`, else the first (for "missing" paths). */
export function pickAliases(el: XmlElement, aliases: Aliases): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, names] of Object.entries(aliases)) out[key] = names.find((n) => el.at(n) !== undefined) ?? names[0];
  return out;
}

/** readFields with several accepted names per field; also returns the names matched. */
export function readAliasedFields<S extends z.ZodType>(
  el: XmlElement,
  aliases: Aliases,
  schema: S,
  source: string,
): Result<{ value: z.infer<S>; matched: Record<string, string> }> {
  const matched = pickAliases(el, aliases);
  const r = readFields(el, matched, schema, source);
  return r.ok ? ok({ value: r.value, matched }) : r;
}

/** "Target,Domain,Status"-style description of what the entries of a container matched (distinct, in order). */
export function describeMatches(matches: readonly Record<string, string>[]): string {
  return [...new Set(matches.map((m) => Object.values(m).join(",")))].join(" | ");
}

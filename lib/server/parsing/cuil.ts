import "server-only";
import { excerptOf, fail, ok, type Result } from "@/lib/server/transport/failure";
import { parseXml, type XmlElement } from "./xml";

// Expressway's XML status API (TANDBERG CUIL, ns http://www.tandberg.no/XML/CUIL/1.0):
// `getxml?location=/Status/X/Y` answers the tree from <Status> down to Y, or <XPathError>.

/** Parses a getxml answer and returns the element at `location` (e.g. "/Status/ResourceUsage/TURN"). */
export function parseGetxml(text: string, location: string): Result<XmlElement> {
  const doc = parseGetxmlDoc(text, location);
  return doc.ok ? ok(doc.value.el) : doc;
}

/** Like parseGetxml, but also returns the root (its product/version attributes are [C]). */
export function parseGetxmlDoc(text: string, location: string): Result<{ root: XmlElement; el: XmlElement }> {
  const doc = parseXml(text);
  if (!doc.ok) return doc;
  const root = doc.value;
  if (root.name === "XPathError") {
    return fail("parse", `Expressway rejected ${location}: ${root.textAt("Reason") ?? "XPathError"}`, { path: location, excerpt: excerptOf(text) });
  }
  const parts = location.split("/").filter(Boolean);
  if (root.name !== parts[0]) return fail("parse", `expected <${parts[0]}> as the root element, got <${root.name}>`, { path: root.path, excerpt: excerptOf(text) });
  const el = root.at(parts.slice(1).join("/"));
  if (!el) return fail("parse", `element ${location} is missing from the answer`, { path: location, excerpt: excerptOf(text) });
  return ok({ root, el });
}

/** True when Expressway answered that a getxml location does not exist. */
export const isXPathError = (text: string) => /^\s*(<\?xml[^>]*\?>\s*)?<XPathError[\s>/]/.test(text);

export const getxmlPath = (location: string) => `/getxml?location=${location}`;

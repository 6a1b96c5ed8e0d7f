import "server-only";
import { excerptOf, fail, ok, type Result } from "@/lib/server/transport/failure";
import { parseXml, type XmlElement } from "./xml";

// Expressway's XML status API (TANDBERG CUIL, ns http://www.tandberg.no/XML/CUIL/1.0):
// `getxml?location=/Status/X/Y` answers the tree from <Status> down to Y. A location the box does
// not have answers an error: TANDBERG/Cisco XML API guides document "a <Fault> element with a
// <XPathError> element" carrying a <Reason> [C]; centreon's VCS client reads XPathError->Reason
// one level under the root, and older boxes answer a bare <XPathError> root. Whether X14/X15 still
// wrap it in <Fault> is [I], so every form is recognised, wherever the XPathError sits.

/** The box's own words when an answer is an XPath refusal (Fault/XPathError in any form), else null. */
export function xpathRefusalOf(root: XmlElement): string | null {
  const xe = root.name === "XPathError" ? root : root.descendants("XPathError")[0];
  if (xe) return reasonOf(xe) ?? (root.name === "Fault" ? reasonOf(root) : null) ?? "XPathError";
  // A <Fault> with only a Reason (no XPathError inside) is the same refusal in a shorter form.
  if (root.name === "Fault") return reasonOf(root) ?? "Fault";
  return null;
}

const reasonOf = (el: XmlElement) =>
  el.textAt("Reason")?.trim() || (el.childNames().length === 0 ? el.text()?.trim() || null : null);

/** Parses a getxml answer and returns the element at `location` (e.g. "/Status/ResourceUsage/TURN"). */
export function parseGetxml(text: string, location: string): Result<XmlElement> {
  const doc = parseGetxmlDoc(text, location);
  return doc.ok ? ok(doc.value.el) : doc;
}

/**
 * Like parseGetxml, but also returns the root (its product/version attributes are [C]). An XPath
 * refusal fails with `notAvailable` set to the box's reason, so callers can tell "this version has
 * no such location" from a malformed answer.
 */
export function parseGetxmlDoc(text: string, location: string): Result<{ root: XmlElement; el: XmlElement }> {
  const doc = parseXml(text);
  if (!doc.ok) return doc;
  const root = doc.value;
  const refusal = xpathRefusalOf(root);
  if (refusal !== null)
    return fail("parse", `Expressway rejected ${location}: ${refusal}`, {
      path: location,
      excerpt: excerptOf(text),
      notAvailable: refusal,
    });
  const parts = location.split("/").filter(Boolean);
  if (root.name !== parts[0])
    return fail("parse", `expected <${parts[0]}> as the root element, got <${root.name}>`, {
      path: root.path,
      excerpt: excerptOf(text),
    });
  const el = root.at(parts.slice(1).join("/"));
  if (!el)
    return fail("parse", `element ${location} is missing from the answer`, {
      path: location,
      excerpt: excerptOf(text),
    });
  return ok({ root, el });
}

/** True when Expressway answered that a getxml location does not exist (any Fault/XPathError form). */
export function isXPathError(text: string): boolean {
  const doc = parseXml(text);
  return doc.ok && xpathRefusalOf(doc.value) !== null;
}

export const getxmlPath = (location: string) => `/getxml?location=${location}`;

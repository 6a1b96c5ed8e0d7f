import "server-only";
import { fail, ok, type Result } from "@/lib/server/transport/failure";
import { parseXml, type XmlElement } from "./xml";

// Expressway's XML status API (TANDBERG CUIL, ns http://www.tandberg.no/XML/CUIL/1.0):
// `getxml?location=/Status/X/Y` answers the tree from <Status> down to Y, or <XPathError>.

/** Parses a getxml answer and returns the element at `location` (e.g. "/Status/ResourceUsage/TURN"). */
export function parseGetxml(text: string, location: string): Result<XmlElement> {
  const doc = parseXml(text);
  if (!doc.ok) return doc;
  const root = doc.value;
  if (root.name === "XPathError") {
    return fail("parse", `Expressway rejected ${location}: ${root.textAt("Reason") ?? "XPathError"}`, { path: location });
  }
  const parts = location.split("/").filter(Boolean);
  if (root.name !== parts[0]) return fail("parse", `expected <${parts[0]}> as the root element, got <${root.name}>`, { path: root.path });
  const el = root.at(parts.slice(1).join("/"));
  if (!el) return fail("parse", `element ${location} is missing from the answer`, { path: location });
  return ok(el);
}

export const getxmlPath = (location: string) => `/getxml?location=${location}`;

import "server-only";

// Renders Expressway status trees in the TANDBERG CUIL shape: namespace on the root, an
// `item` attribute on every element, repeated elements numbered item="1..n".

export type CuilValue = string | number | CuilTree | CuilValue[];
export interface CuilTree {
  [name: string]: CuilValue;
}

const NS = "http://www.tandberg.no/XML/CUIL/1.0";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function renderElement(name: string, value: CuilValue, item: number): string {
  if (Array.isArray(value)) return value.map((v, i) => renderElement(name, v, i + 1)).join("");
  if (typeof value !== "object") return `<${name} item="${item}">${esc(String(value))}</${name}>`;
  const inner = Object.entries(value)
    .map(([k, v]) => renderElement(k, v, 1))
    .join("");
  return inner ? `<${name} item="${item}">${inner}</${name}>` : `<${name} item="${item}"/>`;
}

/**
 * The getxml answer for `location` ("/Status/A/B" or "/Configuration/A/B"): the tree from the
 * root down to B, or the documented error: a <Fault> holding an <XPathError> with a <Reason>
 * (TANDBERG/Cisco XML API guides [C]). `trees` holds one tree per root element name.
 */
export function renderGetxml(
  trees: CuilTree | Record<string, CuilTree>,
  location: string,
  product: { name: string; version: string },
): string {
  const parts = location.split("/").filter(Boolean);
  const rootName = parts[0] ?? "";
  const roots: Record<string, CuilTree> =
    "Status" in trees || "Configuration" in trees ? (trees as Record<string, CuilTree>) : { Status: trees };
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n`;
  const root = roots[rootName];
  if (!root) return xpathFault(head, "Location must start with /Status or /Configuration", location);
  let sub: CuilValue = root;
  for (const p of parts.slice(1)) {
    const next: CuilValue | undefined = !Array.isArray(sub) && typeof sub === "object" ? sub[p] : undefined;
    if (next === undefined) return xpathFault(head, "No match for XPath", location);
    sub = next;
  }
  // Wrap the subtree back up to the root, as Expressway does.
  const open = `<${rootName} xmlns="${NS}" product="${esc(product.name)}" version="${esc(product.version)}">`;
  if (parts.length === 1) return `${head}${open}${renderChildren(root)}</${rootName}>`;
  let body = renderElement(parts.at(-1)!, sub, 1);
  for (const p of parts.slice(1, -1).reverse()) body = `<${p} item="1">${body}</${p}>`;
  return `${head}${open}${body}</${rootName}>`;
}

const xpathFault = (head: string, reason: string, location: string) =>
  `${head}<Fault><XPathError><Reason>${esc(reason)}</Reason><XPath>${esc(location)}</XPath></XPathError></Fault>`;

const renderChildren = (tree: CuilTree) =>
  Object.entries(tree)
    .map(([k, v]) => renderElement(k, v, 1))
    .join("");

/** A tree holding `value` at a slash path, e.g. treeAt("/Status/A/B", v) → {A: {B: v}} (root dropped). */
export function treeAt(location: string, value: CuilValue): CuilTree {
  const parts = location.split("/").filter(Boolean);
  const [first, ...rest] = location.startsWith("/") ? parts.slice(1) : parts;
  if (!first) throw new Error(`treeAt needs a path below the root, got ${location}`);
  return { [first]: rest.length ? treeAt(rest.join("/"), value) : value };
}

/** Deep merge of status trees (later trees win on leaves). */
export function mergeTrees(...trees: CuilTree[]): CuilTree {
  const out: CuilTree = {};
  for (const t of trees) {
    for (const [k, v] of Object.entries(t)) {
      const prev = out[k];
      const bothTrees =
        prev && typeof prev === "object" && !Array.isArray(prev) && typeof v === "object" && !Array.isArray(v);
      out[k] = bothTrees ? mergeTrees(prev as CuilTree, v as CuilTree) : v;
    }
  }
  return out;
}

import "server-only";

// Renders Expressway status trees in the TANDBERG CUIL shape: namespace on the root, an
// `item` attribute on every element, repeated elements numbered item="1..n".

export type CuilValue = string | number | CuilTree | CuilTree[];
export interface CuilTree {
  [name: string]: CuilValue;
}

const NS = "http://www.tandberg.no/XML/CUIL/1.0";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function renderElement(name: string, value: CuilValue, item: number): string {
  if (Array.isArray(value)) return value.map((v, i) => renderElement(name, v, i + 1)).join("");
  if (typeof value !== "object") return `<${name} item="${item}">${esc(String(value))}</${name}>`;
  const inner = Object.entries(value).map(([k, v]) => renderElement(k, v, 1)).join("");
  return inner ? `<${name} item="${item}">${inner}</${name}>` : `<${name} item="${item}"/>`;
}

/** The getxml answer for `location` ("/Status/A/B"): the tree from <Status> down to B, or XPathError. */
export function renderGetxml(status: CuilTree, location: string, product: { name: string; version: string }): string {
  const parts = location.split("/").filter(Boolean);
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n`;
  if (parts[0] !== "Status") return `${head}<XPathError><Reason>Location must start with /Status</Reason><XPath>${esc(location)}</XPath></XPathError>`;
  let sub: CuilValue = status;
  for (const p of parts.slice(1)) {
    const next: CuilValue | undefined = !Array.isArray(sub) && typeof sub === "object" ? sub[p] : undefined;
    if (next === undefined) return `${head}<XPathError><Reason>No match for XPath</Reason><XPath>${esc(location)}</XPath></XPathError>`;
    sub = next;
  }
  // Wrap the subtree back up to the root, as Expressway does.
  let body = renderElement(parts.at(-1) ?? "Status", sub, 1);
  for (const p of parts.slice(1, -1).reverse()) body = `<${p} item="1">${body}</${p}>`;
  if (parts.length === 1) return `${head}${body.replace("<Status item=\"1\"", `<Status xmlns="${NS}" product="${product.name}" version="${product.version}"`)}`;
  return `${head}<Status xmlns="${NS}" product="${product.name}" version="${product.version}">${body}</Status>`;
}

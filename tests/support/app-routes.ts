import fs from "node:fs";
import path from "node:path";

export interface FoundRoute {
  /** URL pattern with [param] segments, e.g. /api/deployments/[id]/status */
  pattern: string;
  kind: "page" | "api";
  methods: string[];
}

const METHOD_EXPORT = /export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g;

/** Every page and API route the app defines, read from app/ the way Next's router does. */
export function findAppRoutes(appDir = "app"): FoundRoute[] {
  const out: FoundRoute[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "page.tsx" || e.name === "route.ts") {
        const segments = path
          .relative(appDir, dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s));
        const pattern = `/${segments.join("/")}`;
        if (e.name === "page.tsx") out.push({ pattern, kind: "page", methods: ["GET"] });
        else
          out.push({
            pattern,
            kind: "api",
            methods: [...fs.readFileSync(p, "utf8").matchAll(METHOD_EXPORT)].map((m) => m[1]!),
          });
      }
    }
  };
  walk(appDir);
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

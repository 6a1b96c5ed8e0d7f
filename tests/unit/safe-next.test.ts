import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/domain/safe-next";

const ORIGIN = "http://127.0.0.1:3000";

describe("where the browser goes after login", () => {
  it.each([
    // What the page receives in `next` (Next has already decoded the query string).
    "/\\127.0.0.1:3199/x", // from /login?next=/%5C127.0.0.1:3199/x
    "/\t/evil.example.net/", // from next=/%09/evil.example.net/
    "/\n/evil.example.net/",
    "/\r\n/evil.example.net/",
    "//evil.example.net/",
    "\\\\evil.example.net/",
    "/\\\\evil.example.net",
    "\\/evil.example.net",
    " //evil.example.net",
    "https://evil.example.net/",
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "\tjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "http://127.0.0.1:3001/", // same host, other port: another origin
    "https://127.0.0.1:3000/", // other scheme
    "///evil.example.net",
  ])("%j stays on the site", (next) => {
    const target = safeNextPath(next, ORIGIN);
    expect(new URL(target, ORIGIN).origin).toBe(ORIGIN);
    expect(target).toBe("/");
  });

  it.each([
    ["/deployments/cabc123?tab=nodes#n1", "/deployments/cabc123?tab=nodes#n1"],
    ["/history", "/history"],
    ["history", "/history"],
    ["http:evil.example.net", "/evil.example.net"], // same scheme without slashes: a relative path, as the browser reads it
    [`${ORIGIN}/troubleshoot`, "/troubleshoot"],
    ["", "/"],
    [null, "/"],
  ])("%j → %j", (next, target) => {
    expect(safeNextPath(next, ORIGIN)).toBe(target);
  });
});

import { describe, expect, it } from "vitest";
import { escapeMalformedPath } from "@/lib/server/http/incoming-request";

describe("paths whose percent-encoding does not decode", () => {
  it.each([
    ["/api/deployments/%E0%A4%A", "/api/deployments/%25E0%25A4%25A"],
    ["/api/deployments/%zz/nodes?x=%zz", "/api/deployments/%25zz/nodes?x=%zz"],
    ["/deployments/%/status", "/deployments/%25/status"],
    ["/api/users/%C0%AF", "/api/users/%25C0%25AF"],
  ])("%s is made literal and flagged", (url, escaped) => {
    expect(escapeMalformedPath(url)).toEqual({ url: escaped, bad: true });
  });
  it.each(["/api/deployments/cabc", "/api/deployments/%00", "/x/..%2F..%2Fetc", "/caf%C3%A9?q=%zz", "/"])(
    "%s is left alone",
    (url) => {
      expect(escapeMalformedPath(url)).toEqual({ url, bad: false });
    },
  );
});

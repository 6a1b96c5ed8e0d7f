import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { safeNext } from "@/lib/server/auth/oidc/oidc-flow";
import { groupsOf, roleForGroups } from "@/lib/server/auth/oidc/role-mapping";
import { usernameFrom } from "@/lib/server/auth/oidc/sso-users";

const mapping = { viewer: ["noc-viewers"], engineer: ["noc-engineers", "oncall"], admin: ["noc-admins"] };

describe("groups → role", () => {
  it.each([
    [["noc-viewers"], "viewer"],
    [["noc-viewers", "oncall"], "engineer"],
    [["oncall", "noc-admins", "noc-viewers"], "admin"],
    [["everyone"], null],
    [[], null],
    [["NOC-ADMINS"], null], // exact names: a provider's group ids are case-sensitive
  ])("%j → %s (the highest role any group grants)", (groups, role) => {
    expect(roleForGroups(groups, mapping)).toBe(role);
  });

  it.each([
    [
      ["a", "b"],
      ["a", "b"],
    ],
    ["a", ["a"]],
    [["a", 3, null], ["a"]],
    [undefined, []],
    [{ a: 1 }, []],
  ])("reads the claim %j as %j", (claim, groups) => {
    expect(groupsOf(claim)).toEqual(groups);
  });
});

describe("SSO usernames and redirects", () => {
  it.each([
    ["Ada.Admin", "ada.admin"],
    ["ada@example.com", "ada"],
    ["Jean Dupont", "jean-dupont"],
    ["x", "user-x"],
    ["a".repeat(100), "a".repeat(56)],
  ])("%j → %j", (name, username) => {
    expect(usernameFrom(name)).toBe(username);
  });

  it.each([
    ["/history", "/history"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    [null, "/"],
  ])("next=%j goes to %j", (next, to) => {
    expect(safeNext(next)).toBe(to);
  });
});

describe("SSO settings at start", () => {
  const base = {
    EDGESCOPE_OIDC_ISSUER: "https://login.example.com/realms/noc",
    EDGESCOPE_OIDC_CLIENT_ID: "edgescope",
    EDGESCOPE_OIDC_VIEWER_GROUPS: "noc",
  };
  it("accepts a complete configuration, and none", () => {
    expect(parseEnv(base).EDGESCOPE_OIDC_GROUPS_CLAIM).toBe("groups");
    expect(parseEnv({}).EDGESCOPE_LOCAL_LOGIN).toBe("on");
  });
  it.each([
    [{ EDGESCOPE_OIDC_ISSUER: base.EDGESCOPE_OIDC_ISSUER }, /EDGESCOPE_OIDC_CLIENT_ID/],
    [
      { ...base, EDGESCOPE_OIDC_VIEWER_GROUPS: "" },
      /EDGESCOPE_OIDC_VIEWER_GROUPS: .*groups granting at least one role/,
    ],
    [{ EDGESCOPE_LOCAL_LOGIN: "off" }, /EDGESCOPE_LOCAL_LOGIN: off needs single sign-on/],
    [{ ...base, EDGESCOPE_OIDC_ISSUER: "ftp://login.example.com" }, /EDGESCOPE_OIDC_ISSUER/],
  ])("refuses %j, naming the variable", (env, message) => {
    expect(() => parseEnv(env)).toThrow(message);
  });
});

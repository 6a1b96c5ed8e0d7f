import { describe, expect, it } from "vitest";
import { deploymentInput, nodeInput, turnCredentialInput } from "@/lib/domain/deployment-input";
import { passwordBoundChanges } from "@/lib/domain/node-trust";
import { passwordProblem, passwordSchema } from "@/lib/domain/password-rules";
import { settingsPatchSchema } from "@/lib/domain/settings";

describe("chosen passwords", () => {
  it.each([
    [" ".repeat(12), /only spaces|different characters/],
    ["\0".repeat(12), /control characters/],
    ["a".repeat(12), /different characters/],
    ["abababababab", /different characters/],
    ["password1234", /too easy/],
    ["Password1234!", /too easy/],
    ["!!qwertyuiop!!", /too easy/],
    ["123456789012", /too easy/],
    ["edgescope2026", /too easy/],
    ["correct horse\tbattery", /control characters/],
    ["short", /at least 12/],
  ])("refuses %j", (password, why) => {
    expect(passwordProblem(password)).toMatch(why);
    expect(passwordSchema.safeParse(password).success).toBe(false);
  });

  it("refuses the username itself, in any case or with digits around it", () => {
    expect(passwordProblem("operator.jane", "operator.jane")).toMatch(/username/);
    expect(passwordProblem("Operator.Jane", "operator.jane")).toMatch(/username/);
    expect(passwordProblem("operator.jane2026", "operator.jane")).toMatch(/username/);
    expect(passwordProblem("operator.jane", "someone-else")).toBeNull();
  });

  it.each(["correct horse battery staple", "a-much-better-passphrase", "viewer-pass-0123456789", "Tr0ub4dor&3xyz"])(
    "accepts %j",
    (password) => {
      expect(passwordProblem(password, "viewer")).toBeNull();
    },
  );
});

describe("names refuse control and invisible characters", () => {
  const deployment = { joinUrl: "join.example.com", callBridgeDomain: "example.com" };
  const node = { role: "CMS", baseUrl: "https://192.0.2.20", username: "api", password: "pw" };
  it.each(["HQ\0", "HQ\u202Egnp.exe", "HQ\u2066x\u2069", "HQ\nsecond line", "\u001b[31mred", "zero\u200Bwidth"])(
    "refuses %j",
    (name) => {
      expect(deploymentInput.safeParse({ ...deployment, name }).success).toBe(false);
      expect(nodeInput.safeParse({ ...node, name }).success).toBe(false);
      expect(nodeInput.safeParse({ ...node, name: "cms", username: name }).success).toBe(false);
      expect(turnCredentialInput.safeParse({ username: name, password: "x" }).success).toBe(false);
    },
  );
  it("accepts ordinary names in any script", () => {
    for (const name of ["HQ London", "Zürich DC-2", "東京", "Québec (primary)"])
      expect(deploymentInput.safeParse({ ...deployment, name }).success, name).toBe(true);
  });
});

describe("settings are numbers, strictly", () => {
  it.each([true, "0x10", "16", "1e1", " 16", null, 16.5, {}])("refuses %j", (v) => {
    expect(settingsPatchSchema.safeParse({ rawSampleRetentionDays: v }).success).toBe(false);
  });
  it("accepts whole numbers in range, and a change names only the fields it changes", () => {
    expect(settingsPatchSchema.parse({ rawSampleRetentionDays: 16 })).toEqual({ rawSampleRetentionDays: 16 });
    expect(settingsPatchSchema.safeParse({ rawSampleRetentionDays: 16, unknownSetting: 1 }).success).toBe(false);
  });
});

describe("which node changes need the password again", () => {
  const stored = { baseUrl: "https://cms.example.com:445/", caPem: "PEM-A", tlsInsecure: false };
  it.each([
    [{ baseUrl: "https://evil.example.net:445/" }, ["baseUrl"]],
    [{ baseUrl: "https://cms.example.com:446/" }, ["baseUrl"]],
    [{ baseUrl: "https://cms.example.com/" }, ["baseUrl"]], // 443, not 445
    [{ caPem: "PEM-B" }, ["caPem"]],
    [{ caPem: null }, ["caPem"]],
    [{ tlsInsecure: true }, ["tlsInsecure"]],
    [{ baseUrl: "https://CMS.example.com:445/api/", caPem: " PEM-A\n", tlsInsecure: false }, []],
  ] as const)("%j → %j", (patch, fields) => {
    expect(passwordBoundChanges(stored, patch)).toEqual(fields);
  });
  it("turning verification back on narrows trust and needs nothing", () => {
    expect(passwordBoundChanges({ ...stored, tlsInsecure: true }, { tlsInsecure: false })).toEqual([]);
  });
});

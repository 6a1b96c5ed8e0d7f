import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProvisionText, ProvisionFileError, readProvisionFile } from "@/lib/server/provisioning/load-file";

// The provisioning file refuses what the API would refuse, and says where: file, line and field.

const FILE = path.resolve("tests/fixtures/provisioning/lab.yaml");
const text = fs.readFileSync(FILE, "utf8");
const env = {
  PROV_VCS_E1_PASSWORD: "e1-secret",
  PROV_TURN_E1_PASSWORD: "turn-secret",
  PROV_CMS1_PASSWORD: "cms-secret",
  PROV_HOOK_SECRET: "hook-secret-123",
};

function refusal(yaml: string, e: Record<string, string | undefined> = env): ProvisionFileError {
  try {
    parseProvisionText("deployments.yaml", yaml, e);
  } catch (err) {
    expect(err).toBeInstanceOf(ProvisionFileError);
    return err as ProvisionFileError;
  }
  throw new Error("the file was accepted");
}
const lineOf = (needle: string, yaml = text) => yaml.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("provisioning file", () => {
  it("reads the example into a plan with secrets from the environment", () => {
    const plan = readProvisionFile(FILE, env);
    expect(plan.deployments[0]!.input).toMatchObject({
      name: "Lab",
      outsideResolver: "192.0.2.53:53",
      rttThresholdMs: 250,
    });
    expect(plan.deployments[0]!.nodes.map((n) => [n.input.name, n.input.password, n.passwordEnv])).toEqual([
      ["vcs-e1", "e1-secret", "PROV_VCS_E1_PASSWORD"],
      ["cms1", "cms-secret", "PROV_CMS1_PASSWORD"],
    ]);
    expect(plan.deployments[0]!.nodes[0]!.turnCredential!.input).toEqual({
      username: "turnuser",
      password: "turn-secret",
    });
    expect(plan.channels[0]!.input.config).toEqual({ url: "http://127.0.0.1:9/hook", secret: "hook-secret-123" });
  });

  it("names the line and field of a value the API's schema refuses", () => {
    const bad = text.replace("https://198.51.100.20:445", "http://198.51.100.20:445");
    const e = refusal(bad);
    expect(e.message).toBe(
      `deployments.yaml:${lineOf("http://198.51.100.20:445", bad)}: deployments[0].nodes[1].baseUrl: Management APIs are polled over HTTPS only`,
    );
  });

  it("points a missing field at its object and an unknown one at its key", () => {
    const missing = text.replace("    callBridgeDomain: example.com\n", "");
    expect(refusal(missing).message).toMatch(
      new RegExp(`^deployments\\.yaml:${lineOf("- name: Lab", missing)}: deployments\\[0\\]\\.callBridgeDomain: `),
    );
    const unknown = text.replace("    rttThresholdMs: 250\n", "    rttThresholdMs: 250\n    pollEvery: 5\n");
    const e = refusal(unknown);
    expect([e.line, e.field]).toEqual([lineOf("pollEvery", unknown), "deployments[0].pollEvery"]);
  });

  it("refuses a literal password, and a channel secret written in config", () => {
    const literal = text.replace(
      "        passwordEnv: PROV_CMS1_PASSWORD\n",
      "        passwordEnv: PROV_CMS1_PASSWORD\n        password: hunter2\n",
    );
    const e = refusal(literal);
    expect([e.line, e.field]).toEqual([lineOf("password: hunter2", literal), "deployments[0].nodes[1].password"]);
    expect(e.message).toContain("Secrets never go in the file");
    expect(e.message).not.toContain("hunter2");
    const inConfig = text.replace(
      "      url: http://127.0.0.1:9/hook\n",
      "      url: http://127.0.0.1:9/hook\n      secret: literal-secret\n",
    );
    const c = refusal(inConfig);
    expect([c.line, c.field]).toEqual([lineOf("secret: literal-secret", inConfig), "channels[0].config.secret"]);
  });

  it("refuses a secret whose environment variable is not set, naming the variable and the line", () => {
    const { PROV_TURN_E1_PASSWORD: _, ...partial } = env;
    const e = refusal(text, partial);
    expect(e.message).toBe(
      `deployments.yaml:${lineOf("passwordEnv: PROV_TURN_E1_PASSWORD")}: deployments[0].nodes[0].turnCredential.passwordEnv: environment variable PROV_TURN_E1_PASSWORD is not set (secrets come from the environment, never from the file)`,
    );
  });

  it("checks the channel's full configuration with the channel schema, secret included", () => {
    const e = refusal(text, { ...env, PROV_HOOK_SECRET: "short" });
    expect([e.line, e.field]).toEqual([lineOf("secret: PROV_HOOK_SECRET"), "channels[0].secretEnv.secret"]);
  });

  it("asks for a required channel secret in secretEnv (pointing at the channel when secretEnv is missing)", () => {
    const teams = "channels:\n  - name: Teams\n    type: teams\n    config: {}\n";
    expect(refusal(teams).message).toBe(
      "deployments.yaml:2: channels[0].secretEnv.url: required: name the environment variable holding it in secretEnv.url",
    );
  });

  it("refuses references to names the file does not declare, duplicates, and TURN credentials on a non-E node", () => {
    expect(refusal(text.replace("channels: [NOC hook]", "channels: [Pager]")).message).toMatch(
      /:\d+: rules\[0\]\.channels\[0\]: No channel named "Pager" in this file$/,
    );
    const dup = text.replace("name: cms1", "name: vcs-e1");
    expect(refusal(dup).field).toBe("deployments[0].nodes[1].name");
    const turnOnCms = text.replace("role: EXPRESSWAY_E", "role: EXPRESSWAY_C");
    expect(refusal(turnOnCms).field).toBe("deployments[0].nodes[0].turnCredential");
  });

  it("reports YAML syntax errors and unreadable files with their place", () => {
    const broken = text.replace("    joinUrl: join.example.com", "    joinUrl: [join.example.com");
    const e = refusal(broken);
    expect(e.message).toMatch(/^deployments\.yaml:\d+: not valid YAML: /);
    expect(refusal("deployments:\n  - name: a\n    name: b\n").message).toMatch(
      /^deployments\.yaml:3: not valid YAML: /,
    );
    expect(() => readProvisionFile("/nonexistent/deployments.yaml", env)).toThrow(
      "/nonexistent/deployments.yaml: cannot read the provisioning file (ENOENT)",
    );
  });

  it("accepts an empty file as no objects", () => {
    expect(parseProvisionText("empty.yaml", "", {})).toEqual({
      file: "empty.yaml",
      deployments: [],
      channels: [],
      rules: [],
    });
  });
});

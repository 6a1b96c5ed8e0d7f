import { describe, expect, it } from "vitest";
import { deploymentInput, nodeInput } from "@/lib/domain/deployment-input";
import { fieldErrors, touchedErrors } from "@/lib/domain/form-errors";
import { hasValidPort, PORT_MESSAGE, portSchema, portText, urlHasValidPort, urlPortText } from "@/lib/domain/ports";

describe("ports 1–65535", () => {
  it.each([
    ["192.0.2.53", false, true],
    ["192.0.2.53:53", false, true],
    ["192.0.2.53:1", false, true],
    ["192.0.2.53:65535", false, true],
    ["192.0.2.53:0", false, false],
    ["192.0.2.53:65536", false, false],
    ["192.0.2.53:99999", false, false],
    ["192.0.2.53:", false, false],
    ["192.0.2.53:5e3", false, false],
    ["[2001:db8::1]:3478", true, true],
    ["[2001:db8::1]:0", true, false],
    ["[2001:db8::1]", true, false],
    ["turn.example.com", true, false],
  ] as const)("%s (port required: %s) → %s", (text, required, ok) => {
    expect(hasValidPort(text, required)).toBe(ok);
  });
  it("reads the written port", () => {
    expect(portText("h:443")).toBe("443");
    expect(portText("[::1]:53")).toBe("53");
    expect(portText("h")).toBeNull();
    expect(urlPortText("https://vcs-e1.example.com:445/api")).toBe("445");
    expect(urlPortText("https://user@[2001:db8::1]:0/")).toBe("0");
    expect(urlPortText("https://vcs-e1.example.com/")).toBeNull();
    expect(urlHasValidPort("https://h:70000")).toBe(false);
    expect(urlHasValidPort("https://h:445")).toBe(true);
  });
  it("a number field", () => {
    expect(portSchema.safeParse(3478).success).toBe(true);
    for (const bad of [0, 65536, 1.5, -1, Number.NaN]) expect(portSchema.safeParse(bad).success).toBe(false);
  });
});

describe("the deployment and node schemas refuse bad ports, every field at once", () => {
  const base = { name: "Lab", joinUrl: "join.example.com", callBridgeDomain: "example.com" };
  it("resolvers", () => {
    const r = deploymentInput.safeParse({
      ...base,
      outsideResolver: "192.0.2.53:0",
      insideResolver: "192.0.2.54:70000",
    });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!.issues)).toEqual({ outsideResolver: PORT_MESSAGE, insideResolver: PORT_MESSAGE });
    expect(
      deploymentInput.safeParse({ ...base, outsideResolver: "192.0.2.53:53", insideResolver: "192.0.2.54" }).success,
    ).toBe(true);
  });
  it("base URL and probe targets, with the other fields' errors in the same answer", () => {
    const r = nodeInput.safeParse({
      role: "EXPRESSWAY_E",
      name: "",
      baseUrl: "https://vcs-e1.example.com:0",
      username: "u",
      password: "",
      turnProbeTarget: "203.0.113.5:65536",
      tlsProbeTarget: "203.0.113.5:0",
    });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!.issues);
    expect(errors).toMatchObject({
      name: "Required",
      password: "Required",
      baseUrl: PORT_MESSAGE,
      turnProbeTarget: PORT_MESSAGE,
      tlsProbeTarget: PORT_MESSAGE,
    });
    expect(
      fieldErrors(
        nodeInput.safeParse({ role: "CMS", name: "c", baseUrl: "https://cms:99999", username: "u", password: "p" })
          .error!.issues,
      ),
    ).toEqual({ baseUrl: PORT_MESSAGE });
    expect(
      nodeInput.safeParse({
        role: "CMS",
        name: "c",
        baseUrl: "https://cms.example.com:445",
        username: "u",
        password: "p",
        turnProbeTarget: "203.0.113.5:3478",
      }).success,
    ).toBe(true);
  });
});

describe("fieldErrors / touchedErrors", () => {
  it("keeps each field's first message, and the form's own under _", () => {
    expect(
      fieldErrors([
        { path: ["a"], message: "one" },
        { path: ["a"], message: "two" },
        { path: ["b", 0], message: "b" },
        { path: [], message: "form" },
      ]),
    ).toEqual({ a: "one", b: "b", _: "form" });
  });
  it("shows only the touched fields' errors while typing", () => {
    expect(touchedErrors({ a: "x", b: "y" }, new Set(["b"]))).toEqual({ b: "y" });
  });
});

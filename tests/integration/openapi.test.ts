import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { findAppRoutes } from "../support/app-routes";
import { createRoleUsers, loginCookie } from "../support/auth";
import { launchBrowser, screenshot } from "../support/browser";
import { createTestDb, type TestDb } from "../support/test-db";

// /api/openapi.json from the production build: a valid OpenAPI 3.1 document (checked by a kept
// validator) that lists every route under app/api with the role it needs and the schemas it
// validates with, and the API page that renders it.

let t: TestDb;
let app: AppServer;
let cookie: string;
type Op = {
  "x-edgescope-role": string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
  security: unknown[];
};
let doc: {
  openapi: string;
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, unknown> };
};

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "f".repeat(64) });
  cookie = await loginCookie(app.url, "viewer");
  const res = await fetch(`${app.url}/api/openapi.json`, { headers: { cookie } });
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(async () => {
  await app?.stop();
  await t?.cleanup();
});

const toOpenApi = (pattern: string) => pattern.replace(/\[(\w+)\]/g, "{$1}");

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The validator is no rubber stamp: the same document with one broken operation fails.
    const broken = structuredClone(doc);
    (broken.paths["/api/health"]!.get! as unknown as { responses: unknown }).responses = "none";
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
  });

  it("describes every route under app/api (and /metrics), and nothing else", () => {
    const defined = findAppRoutes()
      .filter((r) => r.kind === "api" || r.pattern === "/metrics")
      .flatMap((r) => r.methods.map((m) => `${m} ${toOpenApi(r.pattern)}`));
    const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(defined.sort());
    expect(defined.length).toBeGreaterThan(40);
  });

  it("gives each operation its role, and the error shape for every failure", () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        expect(["public", "viewer", "engineer", "admin"], key).toContain(op["x-edgescope-role"]);
        if (op["x-edgescope-role"] !== "public")
          expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(["401", "403"]));
        for (const [code, r] of Object.entries(op.responses))
          if (Number(code) >= 400) expect(JSON.stringify(r), `${key} ${code}`).toContain("#/components/schemas/Error");
      }
    }
    const publicOps = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops)
        .filter(([, o]) => o["x-edgescope-role"] === "public")
        .map(([m]) => `${m.toUpperCase()} ${p}`),
    );
    expect(publicOps.sort()).toEqual([
      "GET /api/auth/oidc/callback",
      "GET /api/auth/oidc/login",
      "GET /api/health",
      "POST /api/auth/login",
    ]);
    expect(doc.paths["/api/users/{id}"]!.delete!["x-edgescope-role"]).toBe("admin");
    expect(doc.paths["/api/probes/{probe}"]!.post!["x-edgescope-role"]).toBe("engineer");
    expect(doc.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
  });

  it("carries the inputs the routes validate: path and query parameters, body schemas, declared answers", () => {
    const create = doc.paths["/api/tokens"]!.post!;
    const body = create.requestBody!.content["application/json"]!.schema as {
      properties: Record<string, { enum?: string[] }>;
      required: string[];
    };
    expect(body.required.sort()).toEqual(["name", "role"]);
    expect(body.properties.role!.enum).toEqual(["viewer", "engineer", "admin"]);
    expect(Object.keys(create.responses)).toContain("201");
    expect(JSON.stringify(create.responses["201"])).toContain('"token"');
    const nodes = doc.paths["/api/deployments/{id}/nodes/{nodeId}"]!.put!;
    expect(
      nodes.parameters
        .filter((p) => p.in === "path")
        .map((p) => p.name)
        .sort(),
    ).toEqual(["id", "nodeId"]);
    expect(
      doc.paths["/api/audit"]!.get!.parameters.filter((p) => p.in === "query")
        .map((p) => p.name)
        .sort(),
    ).toEqual(["before", "limit"]);
    expect(Object.keys(doc.paths["/api/analyze/{kind}"]!.post!.requestBody!.content)).toEqual([
      "application/octet-stream",
    ]);
  });

  it("needs a viewer", async () => {
    expect((await fetch(`${app.url}/api/openapi.json`)).status).toBe(401);
  });

  it("is rendered on the API page", async () => {
    const browser = await launchBrowser();
    try {
      const [name, value] = cookie.split("=") as [string, string];
      await browser.context.addCookies([{ name, value, url: app.url }]);
      await browser.page.goto(`${app.url}/api-docs`);
      await browser.page.getByRole("heading", { name: "API", exact: true }).waitFor();
      const count = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
      expect(await browser.page.getByTestId("api-operation").count()).toBe(count);
      await browser.page.getByText("/api/tokens", { exact: true }).first().click();
      await screenshot(browser.page, "api-docs");
    } finally {
      await browser.close();
    }
  });
});

import "server-only";
import { z } from "zod";
import type { RouteSpec } from "@/lib/server/http/route";

// OpenAPI 3.1 from the zod schemas the routes validate with (zod 4's z.toJSONSchema, JSON Schema
// 2020-12 as OpenAPI 3.1 uses it). Inputs are described as a caller sends them (io: "input").

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Json = Record<string, unknown>;

/** The one error shape every route answers with. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. bad_request, forbidden, not_found"),
    message: z.string().describe("For a person: what went wrong and what to do"),
    fields: z.record(z.string(), z.string()).optional().describe("Per-field messages of a 400"),
  }),
});

function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as Json;
  return rest;
}

const ERRORS: Record<number, string> = {
  400: "Bad input (the message names the field)",
  401: "No session or token, or an unknown, revoked or expired token",
  403: "The role is too low, a cross-site cookie request, or a one-time password still in place",
  404: "Unknown id",
  413: "Body too large",
  500: "Server error; details only in the server log",
};
const errorRef = (status: number) => ({
  description: ERRORS[status]!,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function parameters(where: "path" | "query", schema: z.ZodType | undefined, fallback: string[]): Json[] {
  const s = schema ? jsonSchema(schema) : null;
  const props = (s?.properties ?? {}) as Record<string, Json>;
  const required = new Set((s?.required as string[] | undefined) ?? []);
  const names = where === "path" ? fallback : Object.keys(props);
  return names.map((name) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: props[name] ?? { type: "string" },
  }));
}

function operation(path: string, method: string, spec: RouteSpec): Json {
  const pathNames = [...path.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
  const status = spec.status ?? 200;
  const responses: Json = {
    [status]: {
      description: "Success",
      content: {
        [spec.responseMediaType ?? "application/json"]: {
          schema: spec.response ? jsonSchema(spec.response) : spec.responseMediaType ? { type: "string" } : {},
        },
      },
    },
  };
  const input = spec.params || spec.query || spec.body || spec.rawBody;
  for (const code of [
    ...(input ? [400] : []),
    ...(spec.role === "public" ? [] : [401, 403]),
    ...(pathNames.length ? [404] : []),
    ...(spec.body || spec.rawBody ? [413] : []),
    500,
  ])
    responses[code] = errorRef(code);
  return {
    operationId: `${method.toLowerCase()}${path.replace(/\[(\w+)\]/g, "By-$1").replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: spec.summary ?? `${method} ${path.replace(/\[(\w+)\]/g, "{$1}")}`,
    description:
      spec.role === "public" ? "Role: none (public)." : `Role: ${spec.role} or higher (session cookie or API token).`,
    tags: [path.split("/")[path.startsWith("/api/") ? 2 : 1]],
    "x-edgescope-role": spec.role,
    security: spec.role === "public" ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
    parameters: [...parameters("path", spec.params, pathNames), ...parameters("query", spec.query, [])],
    ...(spec.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body) } } } }
      : {}),
    ...(spec.rawBody
      ? {
          requestBody: {
            required: true,
            content: { [spec.rawBody]: { schema: { type: "string", contentMediaType: spec.rawBody } } },
          },
        }
      : {}),
    responses,
  };
}

/** The document for the given route modules ([address with [param] segments, module exports]). */
export function buildOpenApi(modules: readonly (readonly [string, Record<string, unknown>])[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const [path, mod] of modules) {
    for (const method of METHODS) {
      const spec = (mod[method] as { openapi?: RouteSpec } | undefined)?.openapi;
      if (!spec) continue;
      const key = path.replace(/\[(\w+)\]/g, "{$1}");
      paths[key] = { ...paths[key], [method.toLowerCase()]: operation(path, method, spec) };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Edgescope API",
      version,
      description:
        "Diagnostics for CMS WebRTC through the Expressway Web Proxy. Every answer is JSON; every error is { error: { code, message } }.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    components: {
      schemas: { Error: jsonSchema(errorBodySchema) },
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description:
            "An API token (Admin › API tokens), sent as Authorization: Bearer esk_…; never in the query string.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "edgescope_session",
          description: "The session cookie from POST /api/auth/login or single sign-on.",
        },
      },
    },
    paths,
  };
}

import "server-only";
import { buildOpenApi } from "./openapi-document";
import { ROUTE_MODULES } from "./route-modules";

let cached: Record<string, unknown> | undefined;

/** This server's OpenAPI document (built once: the routes do not change while it runs). */
export function getApiDescription(): Record<string, unknown> {
  cached ??= buildOpenApi(ROUTE_MODULES, process.env.npm_package_version ?? "0.1.0");
  return cached;
}

// GET /api/openapi.json — the OpenAPI 3.1 description of every route, built from the schemas they validate with (viewer).
import { getApiDescription } from "@/lib/server/openapi/api-description";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", summary: "This API as an OpenAPI 3.1 document" }, async () =>
  getApiDescription(),
);

import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { Role, SessionUser } from "@/lib/domain/roles";
import { authorizeRequest } from "@/lib/server/auth/request-user";
import { AppError } from "./app-error";
import { BAD_PATH_HEADER } from "./incoming-request";
import { errorResponse, json } from "./respond";

/** Request bodies above this are refused with 413; the largest legitimate body is a node's CA PEM. */
export const MAX_BODY_BYTES = 256 * 1024;

interface Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  /** Who may call it; authorisation is enforced in one place (see authorize below). */
  role: Role | "public";
  params?: P;
  query?: Q;
  body?: B;
  /** For the API description only (/api/openapi.json): what a success answers, and its status. */
  response?: z.ZodType;
  status?: number;
  /** When the success is not JSON (/metrics answers the Prometheus text format). */
  responseMediaType?: string;
  summary?: string;
  /** A body read raw by the handler (evidence files), described as this media type. */
  rawBody?: string;
}

/** What route() knows about a handler, attached to it for the API description (lib/server/openapi). */
export type RouteSpec = Omit<Spec<z.ZodType, z.ZodType, z.ZodType>, "role"> & { role: Role | "public" };

/** `user` is null only on public routes. */
type Input<P, Q, B, U> = { params: P; query: Q; body: B; req: NextRequest; user: U };
type UserFor<R> = R extends "public" ? SessionUser | null : SessionUser;

async function readBody(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES)
    throw new AppError(413, "too_large", `Request body is larger than ${MAX_BODY_BYTES / 1024} KB`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError(413, "too_large", `Request body is larger than ${MAX_BODY_BYTES / 1024} KB`);
  if (!text.trim()) return {};
  // JSON only: a text/plain or form body is what a cross-site <form> can send without a preflight.
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json")
    throw new AppError(415, "unsupported_media_type", "Send the body as JSON, with Content-Type: application/json");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, "bad_json", "Request body is not valid JSON");
  }
}

/**
 * Every route handler has one rhythm: authorise → validate → call lib/ → respond, with one
 * JSON error shape. The handler returns a plain value (sent as JSON) or a Response.
 */
export function route<
  R extends Role | "public",
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(
  spec: Spec<P, Q, B> & { role: R },
  handler: (input: Input<z.infer<P>, z.infer<Q>, z.infer<B>, UserFor<R>>) => Promise<unknown>,
) {
  const handle = async (
    req: NextRequest,
    ctx: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    try {
      if (req.headers.get(BAD_PATH_HEADER))
        throw new AppError(
          400,
          "bad_path",
          "The address has a malformed percent-encoding (such as %zz or bytes that are not UTF-8)",
        );
      // Authorise first: an anonymous caller learns nothing, not even which ids are valid.
      const user = await authorizeRequest(req, spec.role);
      const params = spec.params ? spec.params.parse(await ctx.params) : await ctx.params;
      const query = spec.query ? spec.query.parse(Object.fromEntries(req.nextUrl.searchParams)) : {};
      const body = spec.body ? spec.body.parse(await readBody(req)) : undefined;
      const result = await handler({ params, query, body, req, user } as Input<
        z.infer<P>,
        z.infer<Q>,
        z.infer<B>,
        UserFor<R>
      >);
      return result instanceof Response ? result : json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(handle, { openapi: spec as RouteSpec });
}

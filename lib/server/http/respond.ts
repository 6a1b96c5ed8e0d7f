import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import type { ApiError } from "@/lib/domain/api-types";
import { AppError } from "./app-error";

export const json = <T>(body: T, status = 200) =>
  NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });

const describeZod = (e: ZodError) =>
  e.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");

/** The one place errors become HTTP answers: { "error": { "code", "message" } }. */
export function errorResponse(err: unknown): NextResponse<ApiError> {
  if (err instanceof ZodError) {
    const fields = Object.fromEntries(
      err.issues
        .filter((i) => i.path.length)
        .map((i) => [i.path.join("."), i.message])
        .reverse(),
    );
    return json(
      { error: { code: "bad_request", message: describeZod(err), ...(Object.keys(fields).length ? { fields } : {}) } },
      400,
    );
  }
  if (err instanceof AppError) return json({ error: { code: err.code, message: err.message } }, err.status);
  console.error("[edgescope] unhandled error in route:", err);
  return json(
    { error: { code: "internal", message: "Something went wrong on the server; the details are in its log." } },
    500,
  );
}

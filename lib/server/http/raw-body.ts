import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "./app-error";

/** Reads an uploaded file as bytes, refusing with 413 as soon as it passes `maxBytes`. */
export async function readRawBody(req: NextRequest, maxBytes: number, what: string): Promise<Buffer> {
  const tooLarge = () => new AppError(413, "too_large", `${what} is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB this analyzer accepts`);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!req.body) throw new AppError(400, "empty_body", `Send the ${what} as the request body`);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(r.value));
  }
  if (size === 0) throw new AppError(400, "empty_body", `Send the ${what} as the request body`);
  return Buffer.concat(chunks);
}

// Browser-side fetch for /api/*: turns the API's error shape into an Error with its message.
import type { ApiError } from "@/lib/domain/api-types";

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: {
        accept: "application/json",
        ...(init?.body ? { "content-type": "application/json" } : {}),
        ...init?.headers,
      },
    });
  } catch {
    throw new ApiRequestError(
      0,
      "network",
      "The Edgescope server did not answer. Check that it is running and reachable.",
    );
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (body as ApiError | null)?.error;
    throw new ApiRequestError(
      res.status,
      err?.code ?? "http",
      err?.message ?? `The server answered HTTP ${res.status}.`,
      err?.fields,
    );
  }
  return body as T;
}

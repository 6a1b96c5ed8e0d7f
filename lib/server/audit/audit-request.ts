import "server-only";
import type { NextRequest } from "next/server";
import type { SessionUser } from "@/lib/domain/roles";
import { clientIp } from "@/lib/server/auth/client-ip";
import { getDb } from "@/lib/server/db/client";
import { audit } from "./audit-log";

/** Audits an action taken through an API route by the logged-in user. */
export function auditRequest(
  ctx: { req: NextRequest; user: SessionUser | null },
  action: string,
  target?: string,
  detail?: string,
): Promise<void> {
  return audit(getDb(), {
    username: ctx.user?.username ?? null,
    action,
    target,
    detail,
    ip: clientIp(ctx.req.headers),
  });
}

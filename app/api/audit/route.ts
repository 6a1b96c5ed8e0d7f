// GET /api/audit?limit=&before= — the audit log, newest first (admin).
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

export const GET = route({ role: "admin", query }, ({ query }) =>
  getDb().auditLog.findMany({
    where: query.before ? { id: { lt: query.before } } : {},
    orderBy: { id: "desc" },
    take: query.limit,
  }),
);

// GET /api/analyze — the evidence kinds Edgescope reads, with their limits (engineer).
import { ANALYZERS } from "@/lib/server/analyzers";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "engineer" }, async () =>
  ANALYZERS.map(({ id, title, description, accepts, maxBytes }) => ({ id, title, description, accepts, maxBytes })),
);

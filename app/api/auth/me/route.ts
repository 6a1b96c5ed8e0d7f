// GET /api/auth/me — the logged-in user.
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async ({ user }) => ({ user }));

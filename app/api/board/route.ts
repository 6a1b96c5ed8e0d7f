// GET /api/board — every deployment as a NOC tile: health per area, since when, data age; worst first.
import { getEnv } from "@/lib/env";
import { getBoard } from "@/lib/server/board/board-summary";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, () => getBoard(getDb(), getEnv(), getSecretBox()));

// GET /api/deployments/{id}/turn-credentials — per Expressway-E: username and passwordSet, never the password.
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { listTurnCredentials } from "@/lib/server/deployments/turn-credentials";
import { deploymentParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin", params: deploymentParams }, ({ params }) =>
  listTurnCredentials(getDb(), getSecretBox(), params.id),
);

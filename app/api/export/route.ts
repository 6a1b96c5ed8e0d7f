// GET /api/export (admin) — the configuration as a provisioning file (YAML, secrets omitted; docs/integrations.md).
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { route } from "@/lib/server/http/route";
import { exportProvisionFile } from "@/lib/server/provisioning/export-file";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    role: "admin",
    responseMediaType: "application/yaml",
    summary:
      "The configuration as a provisioning file (YAML); secrets are never included, only the names of their environment variables",
  },
  async (ctx) => {
    const body = await exportProvisionFile(getDb());
    await auditRequest(ctx, "config.export");
    return new Response(body, {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": 'attachment; filename="edgescope.yaml"',
        "cache-control": "no-store",
      },
    });
  },
);

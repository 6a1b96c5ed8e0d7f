// POST /api/analyze/{cms-log|webrtc-internals|har|pcap}?joinUrl= — the file is the raw request
// body; answers findings tied to T1–T4. Nothing is stored (engineer).
import { z } from "zod";
import { ANALYZERS, getAnalyzer } from "@/lib/server/analyzers";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { readRawBody } from "@/lib/server/http/raw-body";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const kinds = ANALYZERS.map((a) => a.id) as [string, ...string[]];
const params = z.object({ kind: z.enum(kinds, { message: `kind must be one of ${kinds.join(", ")}` }) });
const query = z.object({ joinUrl: z.string().trim().max(253).optional() });

export const POST = route({ role: "engineer", params, query, rawBody: "application/octet-stream" }, async (ctx) => {
  const analyzer = getAnalyzer(ctx.params.kind)!;
  const input = await readRawBody(ctx.req, analyzer.maxBytes, analyzer.title);
  const result = analyzer.analyze(input, { joinUrl: ctx.query.joinUrl });
  await auditRequest(ctx, "evidence.analyze", analyzer.id, `${input.length} bytes`);
  return result;
});

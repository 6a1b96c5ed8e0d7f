// POST /api/analyze/{cms-log|webrtc-internals|har|pcap}?joinUrl= — the file is the raw request
// body; answers findings tied to T1–T4. Analysed in a worker thread; nothing is stored (engineer).
// 429 with Retry-After when every analysis worker and queue place is taken.
import { z } from "zod";
import { ANALYZERS, getAnalyzer } from "@/lib/server/analyzers";
import { analyzeUpload, busyResponse } from "@/lib/server/analyzers/pool/analyze-upload";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const kinds = ANALYZERS.map((a) => a.id) as [string, ...string[]];
const params = z.object({ kind: z.enum(kinds, { message: `kind must be one of ${kinds.join(", ")}` }) });
const query = z.object({ joinUrl: z.string().trim().max(253).optional() });

export const POST = route({ role: "engineer", params, query, rawBody: "application/octet-stream" }, async (ctx) => {
  const analyzer = getAnalyzer(ctx.params.kind)!;
  try {
    const { result, bytes } = await analyzeUpload(ctx.req, analyzer, { joinUrl: ctx.query.joinUrl });
    await auditRequest(ctx, "evidence.analyze", analyzer.id, `${bytes} bytes`);
    return result;
  } catch (err) {
    const busy = busyResponse(err);
    if (busy) return busy;
    throw err;
  }
});

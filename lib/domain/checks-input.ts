import { z } from "zod";
import { EVIDENCE_KINDS, SCENARIO_IDS } from "@/lib/domain/findings";

// Inputs of the checks and scenarios routes. A GET only reads cached probe results (it never sends
// packets); probes run on POST (engineer), so the origin checks every mutation gets apply to them.
export const checksQuery = z.object({
  probe: z
    .never({ error: 'probes run on POST (engineer): POST /api/deployments/{id}/checks or /scenarios {"probe":true}' })
    .optional(),
});

const text = (max: number) => z.string().max(max);
const ref = z.object({
  line: z.number().int().positive().optional(),
  packet: z.number().int().positive().optional(),
  entry: z.number().int().positive().optional(),
  peerConnection: text(100).optional(),
  count: z.number().int().positive().optional(),
  first: text(100).optional(),
  last: text(100).optional(),
  text: text(2000),
});
const finding = z.object({
  id: text(100),
  severity: z.enum(["info", "warn", "fail"]),
  scenarioIds: z.array(z.enum(SCENARIO_IDS)).max(4),
  domainIds: z.array(text(10)).max(20),
  confidence: z.enum(["high", "medium", "low"]),
  title: text(300),
  detail: text(2000),
  evidence: z.array(ref).max(20),
  evidenceTotal: z.number().int().nonnegative().optional(),
  fix: z.array(text(1000)).max(20),
});

/** A troubleshooting case's evidence: each file the engineer attached, with its analyzer's findings. */
export const caseEvidence = z.object({
  fileName: text(255).min(1),
  kind: z.enum(EVIDENCE_KINDS),
  bytes: z.number().int().nonnegative().optional(),
  findings: z.array(finding).max(50),
});

/** POST /scenarios: the case's evidence, and whether to run the probes now. */
export const scenariosBody = z.object({
  probe: z.boolean().default(false),
  evidence: z.array(caseEvidence).max(20).default([]),
});

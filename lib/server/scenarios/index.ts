import "server-only";
import type { CheckResult, ScenarioResult } from "@/lib/domain/checks";
import type { Finding } from "@/lib/domain/findings";
import { detect, type ScenarioDetector } from "./detect";
import { t1 } from "./t1-no-media";
import { t2 } from "./t2-no-join-option";
import { t3 } from "./t3-loading-media";
import { t4 } from "./t4-unable-to-connect";

/** T1–T4 of the domain brief, listed once. */
export const DETECTORS: readonly ScenarioDetector[] = [t1, t2, t3, t4];

/** Verdicts from check results, plus analyzer findings the troubleshooting view attached. */
export function detectScenarios(checks: CheckResult[], findings: Finding[] = []): ScenarioResult[] {
  return DETECTORS.map((d) => detect(d, checks, findings));
}

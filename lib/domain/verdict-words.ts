// The words the troubleshooting page and its report put on the verdict engine's numbers, written
// once so they cannot drift: "likely" only at a combined confidence of 0.7 or more, "confirmed"
// only when the engineer's own evidence shows the cause (the engine's `confirmed` flag).
import { LIKELY_AT, POSSIBLE_AT } from "./causes";
import type { ProbeTime, ScenarioCause, ScenarioResult, ScenariosResponse } from "./checks";
import type { ScenarioId } from "./findings";
import { formatAge } from "./freshness";

export const pct = (n: number) => `${Math.round(n * 100)} %`;

/** How strongly one cause is indicated. */
export function causeStrength(c: Pick<ScenarioCause, "confidence" | "confirmed">): string {
  if (c.confirmed) return `confirmed by your evidence (${pct(c.confidence)})`;
  if (c.confidence >= LIKELY_AT) return `likely (${pct(c.confidence)})`;
  if (c.confidence >= POSSIBLE_AT) return `possible (${pct(c.confidence)})`;
  return `weak hint (${pct(c.confidence)})`;
}

/** The symptom's verdict, cause first: "Likely (85 %): Meeting Server Web Proxy is off …". */
export function verdictHeadline(s: ScenarioResult): string {
  const lead = s.causes[0];
  if (s.verdict === "unknown")
    return "Unknown: a check this symptom rests on has no result yet (run the probes, or poll the deployment)";
  if (!lead || s.verdict === "not-indicated")
    return `Not indicated: nothing Edgescope checked${lead ? " strongly" : ""} or you attached points at ${s.id}`;
  const word = s.confirmed ? "Confirmed by your evidence" : s.verdict === "likely" ? "Likely" : "Possible";
  return `${word} (${pct(s.confidence)}): ${lead.title}`;
}

/**
 * The symptom the evidence points at instead of the one picked ("this looks like T2"): the
 * leading symptom, when it is not the picked one and is stronger than it.
 */
export function looksLike(
  picked: ScenarioId,
  answer: Pick<ScenariosResponse, "leading" | "scenarios">,
): ScenarioId | null {
  const lead = answer.leading;
  if (!lead || lead === picked) return null;
  const mine = answer.scenarios.find((s) => s.id === picked);
  const theirs = answer.scenarios.find((s) => s.id === lead)!;
  return !mine || theirs.confidence > mine.confidence ? lead : null;
}

/** "05:02:31" in 24-hour local time. */
export const clockTime = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour12: false });

/** "probed 05:02:31, 3 s ago" — when a check's probes ran (the oldest of them), or that they have not. */
export function probedWords(probes: ProbeTime[] | undefined, now: number): string | null {
  if (!probes?.length) return null;
  const times = probes.map((p) => p.at);
  if (times.some((t) => t === null))
    return times.every((t) => t === null) ? "not probed yet" : "some probes not run yet";
  const oldest = (times as string[]).reduce((a, b) => (Date.parse(a) < Date.parse(b) ? a : b));
  return `probed ${clockTime(oldest)}, ${formatAge(now - Date.parse(oldest))} ago`;
}

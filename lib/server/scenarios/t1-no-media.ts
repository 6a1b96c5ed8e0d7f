import "server-only";
import type { ScenarioDetector } from "./detect";

// T1: ICE failure — the TURN Allocate is rejected (401/431) because the turnServer credentials on
// CMS differ from Expressway-E's local database (C3, C5); CMS logs "ICE failure 4".
export const t1: ScenarioDetector = {
  id: "T1",
  title: "outside users connect but get no audio or video",
  signals: [
    { checkId: "c5-turn-credentials", statuses: ["fail"], confidence: 0.9, text: "Expressway-E rejects a TURN Allocate with the turnServer credentials" },
    { checkId: "c5-turn-servers", statuses: ["fail"], confidence: 0.4, text: "A turnServer on CMS is missing or wrong" },
    { checkId: "r4-turn-active", statuses: ["fail"], confidence: 0.4, text: "TURN is not Active on an Expressway-E" },
  ],
  relevant: ["c5-turn-credentials", "c5-turn-servers", "r4-turn-active"],
};

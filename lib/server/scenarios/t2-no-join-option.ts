import "server-only";
import type { ScenarioDetector } from "./detect";

// T2: the Call Bridge cannot reach the Web Bridge at the Join URL: inside DNS gives Expressway-E
// (or nothing), and web bridge link errors appear (R9).
export const t2: ScenarioDetector = {
  id: "T2",
  title: "outside users are not offered the join option",
  signals: [
    { checkId: "r9-inside-dns", statuses: ["fail"], confidence: 0.85, text: "Inside DNS does not resolve the Join URL to the Web Bridge" },
    { checkId: "r9-inside-dns", statuses: ["warn"], confidence: 0.4, text: "Inside DNS resolves the Join URL to an address that is not a known Web Bridge" },
    { checkId: "r3-cms-alarms", statuses: ["fail"], confidence: 0.35, text: "CMS raises alarms (web bridge link failures show here)" },
  ],
  relevant: ["r9-inside-dns"],
};

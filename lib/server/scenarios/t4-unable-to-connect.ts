import "server-only";
import type { ScenarioDetector } from "./detect";

// T4: "Unable to connect – try again later" at once: CMS cannot resolve the _xmpp-client SRV of
// the Call Bridge domain inside, or the tunnels to the Web Bridge are down.
export const t4: ScenarioDetector = {
  id: "T4",
  title: "'Unable to connect – try again later' at once",
  signals: [
    { checkId: "xmpp-srv", statuses: ["fail"], confidence: 0.85, text: "CMS cannot resolve the _xmpp-client SRV record inside" },
    { checkId: "v3-tunnels", statuses: ["fail"], confidence: 0.7, text: "SSH tunnels for the Join URL are down" },
  ],
  relevant: ["xmpp-srv", "v3-tunnels"],
};

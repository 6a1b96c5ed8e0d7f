import "server-only";
import type { ScenarioDetector } from "./detect";

// T3: stuck on "loading media": the _xmpp-client SRV does not resolve inside, the TURN/relay ports
// do not answer, or the tunnels are down.
export const t3: ScenarioDetector = {
  id: "T3",
  title: "stuck on loading media, then back to the start page",
  signals: [
    { checkId: "r6-turn-ports", statuses: ["fail"], confidence: 0.75, text: "Expressway-E's TURN port does not answer" },
    { checkId: "v3-tunnels", statuses: ["fail"], confidence: 0.7, text: "SSH tunnels for the Join URL are down" },
    { checkId: "xmpp-srv", statuses: ["fail"], confidence: 0.7, text: "CMS cannot resolve the _xmpp-client SRV record inside" },
    { checkId: "v4-turn-rtt", statuses: ["fail"], confidence: 0.4, text: "The Call Bridge gets no RTT from a TURN server" },
  ],
  relevant: ["r6-turn-ports", "v3-tunnels", "xmpp-srv"],
};

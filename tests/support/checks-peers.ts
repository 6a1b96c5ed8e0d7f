import type { LabFixture } from "./lab-fixture";
import { startCoturn, type Coturn } from "./coturn";
import { startDnsmasq, type Dnsmasq } from "./dnsmasq";

// The real peers the checks talk to in tests, all on loopback: one coturn standing in for the
// Expressway-E TURN servers (realm TANDBERG, user cmsturn), an outside resolver, and inside
// resolvers in three states (healthy, Join URL → Expressway-E for T2, no _xmpp-client SRV for T3/T4).

export interface CheckPeers {
  coturn: Coturn;
  outside: Dnsmasq;
  inside: Dnsmasq;
  insideToE: Dnsmasq;
  insideNoSrv: Dnsmasq;
  stop(): Promise<void>;
}

const JOIN = "webbridge.example.com";
const SRV = { name: "_xmpp-client._tcp.example.com", target: "cms1.example.local", port: 5222 };

export async function startCheckPeers(): Promise<CheckPeers> {
  const local = { localDomains: ["example.com"] };
  const [coturn, outside, inside, insideToE, insideNoSrv] = await Promise.all([
    startCoturn({ username: "cmsturn", realm: "TANDBERG" }),
    startDnsmasq({ ...local, hosts: { [JOIN]: ["203.0.113.5", "203.0.113.6"] } }),
    startDnsmasq({ ...local, hosts: { [JOIN]: ["10.0.0.20"] }, srv: [SRV] }),
    startDnsmasq({ ...local, hosts: { [JOIN]: ["203.0.113.5"] }, srv: [SRV] }),
    startDnsmasq({ ...local, hosts: { [JOIN]: ["10.0.0.20"] } }),
  ]);
  return {
    coturn,
    outside,
    inside,
    insideToE,
    insideNoSrv,
    stop: async () => void (await Promise.all([coturn, outside, inside, insideToE, insideNoSrv].map((p) => p.stop()))),
  };
}

/** "host:port" of a lab node's HTTPS server: where the C2 TLS probe goes instead of publicAddress:443. */
export const labHostPort = (f: LabFixture, key: string) => new URL(f.lab.nodes.find((n) => n.key === key)!.url).host;

/** Points the lab deployment's check settings at the peers (what an admin enters in Settings). */
export async function configureChecks(f: LabFixture, p: CheckPeers): Promise<void> {
  await f.t.db.deployment.update({
    where: { id: f.deploymentId },
    data: { outsideResolver: p.outside.resolver, insideResolver: p.inside.resolver },
  });
  for (const key of ["vcs-e1", "vcs-e2"]) {
    await f.t.db.node.update({
      where: { id: await f.nodeId(key) },
      data: { turnProbeTarget: p.coturn.server, tlsProbeTarget: labHostPort(f, key) },
    });
  }
}

import "server-only";
import { nodesOf, noEvidenceUnknown } from "./support";
import { defineCheck } from "./types";

// C4: browsers use TCP 443 on Expressway-E, so its web administrator port must not be 443. The
// management URL Edgescope polls is that admin port, so its port is the evidence.
export function adminPort(baseUrl: string): number | null {
  try {
    const u = new URL(baseUrl);
    return u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  } catch {
    return null;
  }
}

export const c4AdminPort = defineCheck({
  id: "c4-admin-port",
  domainIds: ["C4"],
  title: "Expressway-E web administration is not on port 443",
  area: "dns-tls",
  evaluate(ctx) {
    const es = nodesOf(ctx, "EXPRESSWAY_E");
    if (!es.length)
      return noEvidenceUnknown("The deployment has no Expressway-E node.", [
        "Settings > Deployments: add every Expressway-E node.",
      ]);
    const evidence = es.map((e) => ({
      label: `admin port of ${e.name}`,
      value: String(adminPort(e.baseUrl) ?? "?"),
      source: `${e.name} · management URL ${e.baseUrl}`,
      ageMs: 0,
    }));
    const on443 = es.filter((e) => adminPort(e.baseUrl) === 443).map((e) => e.name);
    if (!on443.length)
      return { status: "pass", summary: "No Expressway-E serves its web administration on 443.", evidence, fix: [] };
    return {
      status: "fail",
      summary: `Web administration on 443 on ${on443.join(", ")}: it collides with the Web Proxy.`,
      evidence,
      fix: [
        "Expressway-E: System > Administration: Web administrator port 445 (C4); on every Expressway-E used for the proxy. From X12.7 a dedicated management interface can serve instead.",
        "Update the node's management URL in Settings > Deployments to the new port.",
      ],
    };
  },
});

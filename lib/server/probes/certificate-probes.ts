import "server-only";
import { parseExtraAuditTargets } from "@/lib/domain/certificates";
import { auditInput, httpsAddress, runAudit } from "@/lib/server/probes/certificate-audit";
import { formatHostPort, parseHostPort } from "@/lib/server/probes/host-port";
import { PROBE_KEYS } from "@/lib/domain/keys";
import type { PlanNode, PlannedProbe } from "./probe-plan";
import type { CheckDeployment } from "@/lib/server/checks/types";
import type { ListedTarget } from "./listed-targets";

// The certificate audit's probes: every node's management address (Expressway-C/-E web admin, CMS
// web admin / API), each Expressway-E's public 443 as browsers reach it with the Join URL as SNI
// (R5, C2), the admin's extra targets, and the Web Bridge and Call Bridge addresses CMS lists
// (./listed-targets.ts). Run with the other probes (on the probe schedule, so check states and
// alert rules see them).

/** A handshake per address; short, like the TLS probe's, because a page may wait for it. */
const AUDIT_TIMEOUT_MS = 3000;

type Planned = (
  key: string,
  label: string,
  schema: typeof auditInput,
  raw: Record<string, unknown>,
  run: typeof runAudit,
) => PlannedProbe;
type Missing = (key: string, label: string, why: string) => PlannedProbe;

export function certificateProbes(
  d: CheckDeployment,
  nodes: PlanNode[],
  planned: Planned,
  missing: Missing,
  listed: readonly ListedTarget[] = [],
): PlannedProbe[] {
  const out: PlannedProbe[] = [];
  for (const n of nodes) {
    const key = PROBE_KEYS.certManagement(n.id);
    const addr = n.baseUrl ? httpsAddress(n.baseUrl) : null;
    if (!addr)
      out.push(missing(key, `probe certificate (${n.name})`, `configure an https:// management URL for ${n.name}`));
    else {
      const target = formatHostPort(addr);
      out.push(
        planned(
          key,
          `probe certificate ${target}`,
          auditInput,
          { label: "management", target, servername: addr.host, caPem: n.caPem, timeoutMs: AUDIT_TIMEOUT_MS },
          runAudit,
        ),
      );
    }
    const extra = parseExtraAuditTargets(n.tlsAuditTargets);
    if (!extra.ok)
      out.push(
        missing(
          PROBE_KEYS.certExtra(n.id, 0),
          `probe certificate (${n.name} extra)`,
          `configure valid extra certificate targets for ${n.name}: ${extra.message}`,
        ),
      );
    else
      extra.value.forEach((x, i) =>
        out.push(
          planned(
            PROBE_KEYS.certExtra(n.id, i),
            `probe certificate ${x.target} (${x.label})`,
            auditInput,
            { label: x.label, target: x.target, servername: x.servername, caPem: n.caPem, timeoutMs: AUDIT_TIMEOUT_MS },
            runAudit,
          ),
        ),
      );
    if (n.role !== "EXPRESSWAY_E") continue;
    const pub = n.tlsProbeTarget ?? n.publicAddress;
    const parsed = pub ? parseHostPort(pub, { defaultPort: 443 }) : null;
    const pkey = PROBE_KEYS.certPublic(n.id);
    if (!parsed?.ok)
      out.push(
        missing(
          pkey,
          `probe certificate (${n.name} public 443)`,
          `configure the public address or TLS probe target of ${n.name}`,
        ),
      );
    else {
      const target = formatHostPort(parsed.value);
      out.push(
        planned(
          pkey,
          `probe certificate ${target} (${d.joinUrl})`,
          auditInput,
          {
            label: "public 443 (Join URL)",
            target,
            servername: d.joinUrl,
            caPem: n.caPem,
            timeoutMs: AUDIT_TIMEOUT_MS,
          },
          runAudit,
        ),
      );
    }
  }
  for (const x of listed)
    out.push(
      planned(
        x.key,
        `probe certificate ${x.target} (${x.label})`,
        auditInput,
        {
          label: x.label,
          target: x.target,
          servername: x.servername,
          caPem: nodes.find((n) => n.id === x.nodeId)?.caPem ?? null,
          timeoutMs: AUDIT_TIMEOUT_MS,
        },
        runAudit,
      ),
    );
  return out;
}

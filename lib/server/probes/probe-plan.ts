import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { dnsProbeInput, probeDns } from "@/lib/server/probes/dns";
import { parseHostPort, formatHostPort } from "@/lib/server/probes/host-port";
import { portProbeInput, probePort } from "@/lib/server/probes/port";
import { probeTls, tlsProbeInput } from "@/lib/server/probes/tls";
import { certificateProbes } from "./certificate-probes";
import type { ListedTarget } from "./listed-targets";
import { runTurnProbe, turnProbeInput } from "@/lib/server/probes/turn-probe";
import { PROBE_KEYS } from "@/lib/domain/keys";
import type { CheckDeployment } from "@/lib/server/checks/types";
import { xmppSrvName } from "@/lib/server/checks/xmpp-srv";

// Which probes the checks need for one deployment, with validated inputs. A setting that is not
// there (or not valid) becomes a `missing` reason the check shows as "configure … in Settings".

/** Per-probe budgets: short, because a page waits for all of them (they run in parallel). */
const TIMEOUTS = { dns: 2000, tls: 3000, port: 2000, turn: 3000 } as const;

export interface PlanNode {
  id: string;
  name: string;
  role: string;
  publicAddress: string | null;
  turnProbeTarget: string | null;
  tlsProbeTarget: string | null;
  caPem: string | null;
  /** Management base URL: the certificate audit handshakes it (optional so older callers still fit). */
  baseUrl?: string;
  /** Extra certificate targets set on the node ("label = host:port [name]" lines). */
  tlsAuditTargets?: string | null;
  /** Opened TURN credentials of this Expressway-E, or why there are none. */
  turnCredential: { username: string; password: string } | { missing: string } | null;
}

export interface PlannedProbe {
  key: string;
  label: string;
  /** Identifies the input (secrets hashed): a changed setting never reuses an old result. */
  fingerprint: string;
  meta?: Record<string, string>;
  run?: () => Promise<unknown>;
  missing?: string;
}

/** Default where no override is set: the public address with the usual port (R5, R6). */
export function defaultTarget(explicit: string | null, publicAddress: string | null, port: number): string | null {
  if (explicit) return explicit;
  if (!publicAddress) return null;
  const parsed = parseHostPort(publicAddress, { defaultPort: port });
  return parsed.ok ? formatHostPort(parsed.value) : `${publicAddress}:${port}`;
}

export function planned<S extends z.ZodType>(
  key: string,
  label: string,
  schema: S,
  raw: Record<string, unknown>,
  run: (input: z.output<S>) => Promise<unknown>,
  meta?: Record<string, string>,
): PlannedProbe {
  const { password, ...visible } = raw;
  const fingerprint = JSON.stringify({
    ...visible,
    ...(password ? { password: createHash("sha256").update(String(password)).digest("hex") } : {}),
  });
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    return {
      key,
      label,
      fingerprint,
      missing: `configure a valid setting: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
    };
  return { key, label, fingerprint, meta, run: () => run(parsed.data) };
}

export const missing = (key: string, label: string, why: string): PlannedProbe => ({
  key,
  label,
  fingerprint: `missing:${why}`,
  missing: why,
});

export function planProbes(
  d: CheckDeployment,
  nodes: PlanNode[],
  listed: readonly ListedTarget[] = [],
): PlannedProbe[] {
  const out: PlannedProbe[] = [];
  const dns = (key: string, resolver: string | null, setting: string, name: string, type: "A" | "SRV") =>
    resolver
      ? planned(
          key,
          `probe dns @${resolver}`,
          dnsProbeInput,
          { resolver, name, type, timeoutMs: TIMEOUTS.dns },
          probeDns,
        )
      : missing(key, `probe dns (${setting})`, `configure the ${setting} of the deployment`);
  out.push(dns(PROBE_KEYS.outsideJoin, d.outsideResolver, "outside resolver", d.joinUrl, "A"));
  out.push(dns(PROBE_KEYS.insideJoin, d.insideResolver, "inside resolver", d.joinUrl, "A"));
  out.push(dns(PROBE_KEYS.insideXmpp, d.insideResolver, "inside resolver", xmppSrvName(d.callBridgeDomain), "SRV"));
  for (const n of nodes.filter((x) => x.role === "EXPRESSWAY_E")) {
    const tls = defaultTarget(n.tlsProbeTarget, n.publicAddress, 443);
    out.push(
      tls
        ? planned(
            PROBE_KEYS.tls(n.id),
            `probe tls ${tls}`,
            tlsProbeInput,
            { target: tls, servername: d.joinUrl, ...(n.caPem ? { caPem: n.caPem } : {}), timeoutMs: TIMEOUTS.tls },
            (i) => probeTls(i),
          )
        : missing(
            PROBE_KEYS.tls(n.id),
            `probe tls (${n.name})`,
            `configure the public address or TLS probe target of ${n.name}`,
          ),
    );
    const turn = defaultTarget(n.turnProbeTarget, n.publicAddress, 3478);
    const noTurn = `configure the public address or TURN probe target of ${n.name}`;
    for (const transport of ["udp", "tcp"] as const) {
      const key = transport === "udp" ? PROBE_KEYS.udp(n.id) : PROBE_KEYS.tcp(n.id);
      out.push(
        turn
          ? planned(
              key,
              `probe port ${transport} ${turn}`,
              portProbeInput,
              { target: turn, transport, timeoutMs: TIMEOUTS.port },
              probePort,
            )
          : missing(key, `probe port (${n.name})`, noTurn),
      );
    }
    const cred = n.turnCredential;
    const turnKey = PROBE_KEYS.turn(n.id);
    if (!turn) out.push(missing(turnKey, `probe turn (${n.name})`, noTurn));
    else if (!cred)
      out.push(
        missing(
          turnKey,
          `probe turn ${turn}`,
          `configure the TURN credentials of ${n.name} (Settings > TURN credentials)`,
        ),
      );
    else if ("missing" in cred) out.push(missing(turnKey, `probe turn ${turn}`, cred.missing));
    else
      out.push(
        planned(
          turnKey,
          `probe turn udp ${turn}`,
          turnProbeInput,
          {
            server: turn,
            transport: "udp",
            username: cred.username,
            password: cred.password,
            timeoutMs: TIMEOUTS.turn,
          },
          runTurnProbe,
          { username: cred.username },
        ),
      );
  }
  out.push(...certificateProbes(d, nodes, planned, missing, listed));
  return out;
}

import "server-only";
import net from "node:net";
import { z } from "zod";
import type { SessionUser } from "@/lib/domain/roles";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { normalizeIp, parseIpList } from "@/lib/server/net/ip-list";
import { checkHostname, parseHostPort, type HostPort } from "./host-port";

// Where an engineer may point an on-demand probe. A probe sends packets from the server, inside
// the network, so without a limit "probe any host and port" is a port scanner for anyone with the
// engineer role. Engineers may probe what the deployments already name: every node's management
// host, private and public address and probe targets, each Join URL, and the inside and outside
// resolvers. Admins (who configure those anyway) are not limited, and may widen the engineers'
// set with extra addresses, CIDR ranges or host names (setting "probeExtraTargets").

/** Setting row holding the admin's extra probe targets (a JSON list of strings). */
export const PROBE_EXTRA_TARGETS_KEY = "probeExtraTargets";
/** Enough for a few lab and jump hosts; the list is read on every engineer probe. */
const MAX_EXTRA_TARGETS = 200;

const isIpOrCidr = (s: string) => {
  try {
    parseIpList(s);
    return true;
  } catch {
    return false;
  }
};

/** One extra target: an IP address, a CIDR range or a host name. */
export const probeExtraTargetsInput = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "Empty entry")
      .max(253)
      .refine(
        (s) => isIpOrCidr(s) || !checkHostname(s),
        "Must be an IP address, a CIDR range (e.g. 192.0.2.0/24) or a host name",
      ),
  )
  .max(MAX_EXTRA_TARGETS, `At most ${MAX_EXTRA_TARGETS} entries`);

export async function getProbeExtraTargets(db: Db): Promise<string[]> {
  const row = await db.setting.findUnique({ where: { key: PROBE_EXTRA_TARGETS_KEY } });
  const parsed = probeExtraTargetsInput.safeParse(row ? safeJson(row.value) : []);
  return parsed.success ? parsed.data : [];
}

export async function setProbeExtraTargets(db: Db, targets: string[]): Promise<string[]> {
  const value = JSON.stringify([...new Set(targets)]);
  await db.setting.upsert({
    where: { key: PROBE_EXTRA_TARGETS_KEY },
    create: { key: PROBE_EXTRA_TARGETS_KEY, value },
    update: { value },
  });
  return getProbeExtraTargets(db);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A host as compared here: lower case, IPv6 without brackets, IPv4-mapped as IPv4, no trailing dot. */
const hostKey = (host: string) => normalizeIp(host.toLowerCase()).replace(/\.$/, "");

function hostOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const parsed = parseHostPort(text, { defaultPort: 1 });
  return parsed.ok ? hostKey(parsed.value.host) : hostKey(text);
}

function urlHost(url: string): string | null {
  try {
    return hostKey(new URL(url).hostname);
  } catch {
    return null;
  }
}

/** Every host the deployments name (see the comment at the top). */
export async function configuredProbeHosts(db: Db): Promise<Set<string>> {
  const [deployments, nodes] = await Promise.all([
    db.deployment.findMany({ select: { joinUrl: true, outsideResolver: true, insideResolver: true } }),
    db.node.findMany({
      select: { baseUrl: true, privateAddress: true, publicAddress: true, turnProbeTarget: true, tlsProbeTarget: true },
    }),
  ]);
  const hosts = [
    ...deployments.flatMap((d) => [hostKey(d.joinUrl), hostOf(d.outsideResolver), hostOf(d.insideResolver)]),
    ...nodes.flatMap((n) => [
      urlHost(n.baseUrl),
      n.privateAddress && hostKey(n.privateAddress),
      n.publicAddress && hostKey(n.publicAddress),
      hostOf(n.turnProbeTarget),
      hostOf(n.tlsProbeTarget),
    ]),
  ];
  return new Set(hosts.filter((h): h is string => !!h));
}

/** Refuses (403) an engineer's probe of a host the deployments do not name and no admin allowed. */
export async function assertProbeTargetAllowed(db: Db, user: SessionUser, target: HostPort): Promise<void> {
  if (user.role === "admin") return;
  const host = hostKey(target.host);
  if ((await configuredProbeHosts(db)).has(host)) return;
  const extra = await getProbeExtraTargets(db);
  if (extra.includes(host)) return;
  const ranges = parseIpList(extra.filter(isIpOrCidr).join(","));
  if (net.isIP(host) && ranges.has(host)) return;
  throw new AppError(
    403,
    "probe_target_not_allowed",
    `${host} is not an address of any deployment: engineers may probe only the nodes' hosts, addresses and probe targets, the Join URLs and the resolvers configured in Settings. An admin can add it to a deployment or to the extra probe targets.`,
  );
}

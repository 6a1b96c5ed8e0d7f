import "server-only";
import net from "node:net";
import { getEnv } from "@/lib/env";
import { PEER_HEADER, peerStampInstalled } from "@/lib/server/http/incoming-request";
import { normalizeIp, parseIpList, type IpList } from "@/lib/server/net/ip-list";

/**
 * The client's address from the socket peer and X-Forwarded-For. The header is believed only as
 * far as it was written by trusted proxies: walking from the peer back along the chain, the first
 * address that is not a trusted proxy is the client. With no trusted proxies (the default) the
 * peer itself is the client, whatever the header says, so a forged header changes nothing.
 */
export function resolveClientIp(peer: string | null, forwardedFor: string | null, trusted: IpList): string | null {
  if (!peer) return null;
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map((s) => normalizeIp(s))
      .filter(Boolean),
    normalizeIp(peer),
  ];
  let i = chain.length - 1;
  while (i > 0 && trusted.has(chain[i]!)) {
    // A proxy wrote the entry before it; an entry that is no address ends the trust.
    if (!net.isIP(chain[i - 1]!)) break;
    i--;
  }
  return chain[i]!.slice(0, 64);
}

let cachedTrusted: { text: string | undefined; list: IpList } | undefined;
function trustedProxies(): IpList {
  const text = getEnv().EDGESCOPE_TRUSTED_PROXIES;
  if (!cachedTrusted || cachedTrusted.text !== text) cachedTrusted = { text, list: parseIpList(text) };
  return cachedTrusted.list;
}

/** The caller's address for the audit log and the per-address login limits. */
export function clientIp(headers: Headers): string | null {
  const forwardedFor = headers.get("x-forwarded-for");
  // The peer header is stamped on every request by the server runtime (and overwrites any copy a
  // client sent). Without the stamp (a process that did not start the runtime) Next's own
  // x-forwarded-for is the fallback: it is the socket address unless the client sent one.
  const peer = peerStampInstalled() ? headers.get(PEER_HEADER) : (forwardedFor?.split(",").at(-1)?.trim() ?? null);
  return resolveClientIp(peer, peerStampInstalled() ? forwardedFor : null, trustedProxies());
}

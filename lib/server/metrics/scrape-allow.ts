import "server-only";
import net from "node:net";

// The optional scrape allow-list (EDGESCOPE_METRICS_ALLOW): addresses and CIDR blocks that may
// read /metrics without a token, for Prometheus servers that cannot send one.

/** Parses "192.0.2.10, 198.51.100.0/24, 2001:db8::/32" into a BlockList; throws naming the bad entry. */
export function parseAllowList(text: string): net.BlockList {
  const list = new net.BlockList();
  for (const raw of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, prefix, extra] = raw.split("/");
    const family = net.isIP(address ?? "");
    if (!family || extra !== undefined) throw new Error(`"${raw}" is not an IP address or CIDR block`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address!, type);
    else {
      const bits = Number(prefix);
      if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128))
        throw new Error(`"${raw}" has an invalid prefix length`);
      list.addSubnet(address!, bits, type);
    }
  }
  return list;
}

export function isAllowed(list: net.BlockList, ip: string | null): boolean {
  if (!ip) return false;
  const family = net.isIP(ip);
  if (family === 4) return list.check(ip, "ipv4");
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
  if (family === 6)
    return list.check(ip, "ipv6") || (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) && list.check(ip.slice(7), "ipv4"));
  return false;
}

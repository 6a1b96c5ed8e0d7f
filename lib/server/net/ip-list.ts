import "server-only";
import net from "node:net";

/** An IPv4-mapped IPv6 address (::ffff:192.0.2.1, how a dual-stack socket reports IPv4 peers) as plain IPv4. */
export function normalizeIp(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  return mapped ? mapped[1]! : a;
}

/** A set of addresses and CIDR ranges, e.g. "10.0.0.0/8, 192.0.2.7, ::1". */
export interface IpList {
  /** The entries as written (for messages and docs). */
  entries: string[];
  has(address: string): boolean;
}

/** Parses a comma-separated list; throws with the first entry that is neither an IP address nor a CIDR range. */
export function parseIpList(text: string | undefined): IpList {
  const entries = (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const list = new net.BlockList();
  for (const entry of entries) {
    const [ip = "", bits, extra] = entry.split("/");
    const family = net.isIP(ip);
    if (!family || extra !== undefined) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) {
      list.addAddress(ip, type);
      continue;
    }
    const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!(prefix >= 0 && prefix <= (family === 4 ? 32 : 128)))
      throw new Error(`"${entry}" has a prefix length outside 0–${family === 4 ? 32 : 128}`);
    list.addSubnet(ip, prefix, type);
  }
  return {
    entries,
    has(address) {
      const ip = normalizeIp(address);
      const family = net.isIP(ip);
      return family !== 0 && list.check(ip, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

import { describe, expect, it } from "vitest";
import { LinkType } from "@/lib/server/analyzers/pcap/capture-reader";
import { formatIpv6 } from "@/lib/server/analyzers/pcap/ip-address";
import { decodeFrame, TcpFlag } from "@/lib/server/analyzers/pcap/packet-decoder";
import { ethernet, ipv4, ipv6, ipv6Bytes, nullLink, sll, sll2, stunMessage, tcp, udp } from "../support/pcap-builders";

const stun = stunMessage(0x0003, 7, Buffer.from("USERNAME-and-REALM-TANDBERG"));
const v4udp = ipv4("192.0.2.10", "203.0.113.5", 17, udp(50000, 3478, stun));
const v4tcp = ipv4("192.0.2.10", "203.0.113.5", 6, tcp(50001, 443, 1000, TcpFlag.ACK | TcpFlag.PSH, stun));
const v6udp = ipv6("2001:db8::10", "2001:db8:0:0:1::5", 17, udp(50002, 3478, stun));
const hopByHop = Buffer.alloc(6);
const firstFragment = Buffer.from([0x00, 0x01, 0, 0, 0, 1]); // offset 0, more fragments
const v6ext = ipv6("2001:db8::10", "2001:db8::5", 17, udp(50003, 3478, stun), [
  [0, hopByHop],
  [60, Buffer.alloc(14)],
  [44, firstFragment],
]);
// The writer frames every extension header as next-header, length, body; for the fragment
// header that length byte lands on its reserved byte as 0, which is what a real one holds.

const V4 = { src: "192.0.2.10", dst: "203.0.113.5", srcPort: 50000, dstPort: 3478, proto: "udp" };

describe("packet decoder", () => {
  it.each([
    { name: "Ethernet", link: LinkType.ETHERNET, frame: ethernet(v4udp), want: V4 },
    { name: "Ethernet with 802.1Q VLAN", link: LinkType.ETHERNET, frame: ethernet(v4udp, 0x0800, [100]), want: V4 },
    { name: "Ethernet with QinQ tags", link: LinkType.ETHERNET, frame: ethernet(v4udp, 0x0800, [100, 200]), want: V4 },
    {
      name: "Ethernet with trailing padding",
      link: 1,
      frame: Buffer.concat([ethernet(v4udp), Buffer.alloc(6)]),
      want: V4,
    },
    { name: "Linux cooked SLL", link: LinkType.LINUX_SLL, frame: sll(v4udp), want: V4 },
    { name: "Linux cooked SLL2", link: LinkType.LINUX_SLL2, frame: sll2(v4udp), want: V4 },
    { name: "raw IPv4 (101)", link: LinkType.RAW, frame: v4udp, want: V4 },
    { name: "raw IPv4 (228)", link: LinkType.IPV4, frame: v4udp, want: V4 },
    { name: "BSD loopback, little-endian AF_INET", link: LinkType.NULL, frame: nullLink(v4udp, 2), want: V4 },
    {
      name: "BSD loopback, big-endian AF_INET6",
      link: LinkType.NULL,
      frame: nullLink(v6udp, 30, false),
      want: { src: "2001:db8::10", dst: "2001:db8::1:0:0:5", proto: "udp" },
    },
    {
      name: "raw IPv6 (229)",
      link: LinkType.IPV6,
      frame: v6udp,
      want: { src: "2001:db8::10", srcPort: 50002, proto: "udp" },
    },
    {
      name: "IPv6 over Ethernet",
      link: 1,
      frame: ethernet(v6udp, 0x86dd),
      want: { dst: "2001:db8::1:0:0:5", dstPort: 3478 },
    },
    {
      name: "IPv6 with hop-by-hop, dest options, first fragment",
      link: LinkType.RAW,
      frame: v6ext,
      want: { srcPort: 50003, proto: "udp" },
    },
    {
      name: "IPv4 first fragment",
      link: 101,
      frame: ipv4("192.0.2.10", "203.0.113.5", 17, udp(50000, 3478, stun), { moreFragments: true }),
      want: V4,
    },
    {
      name: "TCP",
      link: 1,
      frame: ethernet(v4tcp),
      want: { proto: "tcp", srcPort: 50001, dstPort: 443, seq: 1000, tcpFlags: 0x18 },
    },
  ])("$name", ({ link, frame, want }) => {
    const decoded = decodeFrame(link, frame);
    expect(decoded).toMatchObject(want);
    expect(decoded?.payload.equals(stun)).toBe(true);
    expect(decoded?.payload.buffer).toBe(frame.buffer);
  });

  it.each([
    { name: "ARP", link: 1, frame: ethernet(Buffer.alloc(28), 0x0806) },
    { name: "ICMP", link: 1, frame: ethernet(ipv4("192.0.2.1", "192.0.2.2", 1, Buffer.alloc(8))) },
    {
      name: "a later IPv4 fragment",
      link: 101,
      frame: ipv4("192.0.2.1", "192.0.2.2", 17, udp(1, 2, stun), { fragmentOffset: 1480 }),
    },
    {
      name: "a later IPv6 fragment",
      link: 101,
      frame: ipv6("2001:db8::1", "2001:db8::2", 17, udp(1, 2, stun), [[44, Buffer.from([0x05, 0xc8, 0, 0, 0, 1])]]),
    },
    { name: "IPv6 no-next-header", link: 229, frame: ipv6("2001:db8::1", "2001:db8::2", 59, Buffer.alloc(0)) },
    { name: "an unknown link type", link: 147, frame: v4udp },
    { name: "loopback with an unknown family", link: 0, frame: nullLink(v4udp, 7) },
    { name: "a frame cut inside the Ethernet header", link: 1, frame: ethernet(v4udp).subarray(0, 10) },
    { name: "a frame cut inside the IPv4 header", link: 1, frame: ethernet(v4udp).subarray(0, 20) },
    { name: "a frame cut inside the TCP header", link: 101, frame: v4tcp.subarray(0, 30) },
    {
      name: "an IPv4 header length below 20",
      link: 101,
      frame: Buffer.concat([Buffer.from([0x44]), v4udp.subarray(1)]),
    },
    {
      name: "a VLAN tag with nothing after it",
      link: 1,
      frame: ethernet(Buffer.alloc(0), 0x0800, [5]).subarray(0, 16),
    },
  ])("returns null for $name", ({ link, frame }) => {
    expect(decodeFrame(link, frame)).toBeNull();
  });

  it("keeps what was captured of a snapped UDP payload", () => {
    const frame = ethernet(v4udp).subarray(0, 14 + 20 + 8 + 10);
    expect(decodeFrame(1, frame)?.payload.length).toBe(10);
  });

  it.each([
    ["2001:db8::1", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6"],
    ["2001:db8:0:1:2:3:4:5", "2001:db8:0:1:2:3:4:5"],
    ["::", "::"],
    ["::1", "::1"],
    ["fe80::", "fe80::"],
    ["::ffff:c000:20a", "::ffff:192.0.2.10"],
  ])("formats %s as %s", (input, want) => {
    expect(formatIpv6(ipv6Bytes(input), 0)).toBe(want);
  });
});

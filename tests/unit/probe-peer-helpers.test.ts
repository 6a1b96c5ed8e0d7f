import { describe, expect, it } from "vitest";

import { dnsmasqArgs, startDnsmasq } from "../support/dnsmasq";

describe("dnsmasq test helper", () => {
  it("throws (never skips) when dnsmasq is not installed, naming the Debian package", async () => {
    await expect(startDnsmasq({ binary: "/nonexistent/dnsmasq" })).rejects.toThrow(
      /not found.*apt-get install -y dnsmasq-base/,
    );
  });

  it("builds an isolated, loopback-only command line from records", () => {
    const args = dnsmasqArgs(5353, {
      localDomains: ["example.com"],
      hosts: { "webbridge.example.com": ["203.0.113.5", "2001:db8::5"] },
      srv: [{ name: "_xmpp-client._tcp.example.com", target: "cms1.example.local", port: 5222 }],
      upstream: "127.0.0.1:5354",
    });
    // Never the system config, hosts file or resolv.conf; only its own port on 127.0.0.1.
    expect(args).toEqual(
      expect.arrayContaining([
        "--no-daemon",
        "--no-resolv",
        "--no-hosts",
        "--conf-file=/dev/null",
        "--port=5353",
        "--listen-address=127.0.0.1",
        "--bind-interfaces",
      ]),
    );
    expect(args).toEqual(
      expect.arrayContaining([
        "--local=/example.com/",
        "--host-record=webbridge.example.com,203.0.113.5,2001:db8::5",
        "--srv-host=_xmpp-client._tcp.example.com,cms1.example.local,5222,0,0",
        "--server=127.0.0.1#5354",
      ]),
    );
  });
});

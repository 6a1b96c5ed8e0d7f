import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import { request } from "undici";
import { closeAgents, CONNECTIONS_PER_NODE, getAgent } from "@/lib/server/transport/agent-pool";
import type { NodeEndpoint } from "@/lib/server/transport/endpoint";
import type { Result } from "@/lib/server/transport/failure";
import { getText, type TextResponse } from "@/lib/server/transport/http-client";

// The transport against real servers on loopback, where the poller's collectors are too coarse to
// see: many requests to one node at once, and a node that never finishes an answer.

const PATH = "/getxml?location=/Status/SystemUnit";
/** Far more than a node's request slots, as when all its sources and CMS pages run at once. */
const CONCURRENT = 20;
/** A request still open after this has hung: nothing in these tests should take a tenth of it. */
const HUNG_MS = 30_000;

let lab: Lab;
let node: NodeEndpoint;
beforeAll(async () => {
  lab = await startLab();
  const c = lab.nodes.find((n) => n.key === "vcs-c")!;
  node = {
    id: "transport-test-c",
    baseUrl: c.url,
    username: c.username,
    password: c.password,
    caPem: lab.caPem,
    tlsInsecure: false,
    connectTimeoutMs: 2000,
    responseTimeoutMs: 1500,
  };
});
afterAll(async () => {
  await closeAgents();
  await lab?.stop();
});
beforeEach(() => lab.clearFaults());

/** Runs the requests as collectors do (one retry); a request still open after HUNG_MS is reported as "hung", not waited for. */
async function many(
  endpoint: NodeEndpoint,
  n: number,
  retries?: number,
): Promise<Array<Result<TextResponse> | "hung">> {
  return Promise.all(
    Array.from({ length: n }, () => {
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), HUNG_MS)));
      return Promise.race([getText(endpoint, PATH, retries === undefined ? {} : { retries }), hung]).finally(() =>
        clearTimeout(timer),
      );
    }),
  );
}
const kinds = (rs: Array<Result<TextResponse> | "hung">) =>
  rs.map((r) => (r === "hung" ? "hung" : r.ok ? "ok" : r.failure.kind));

describe("transport", () => {
  // The stall behind issue #8: requests queued inside undici behind connections that fail with
  // ERR_TLS_CERT_ALTNAME_INVALID were never answered nor failed.
  it("ends every one of many concurrent requests as a tls failure when the certificate names another host, then recovers", async () => {
    expect(kinds(await many(node, CONCURRENT))).toEqual(Array(CONCURRENT).fill("ok")); // warm keep-alive pool first
    await lab.setFault("hostname-mismatch", "vcs-c");
    const bad = await many(node, CONCURRENT);
    expect(kinds(bad)).toEqual(Array(CONCURRENT).fill("tls"));
    for (const r of bad) if (r !== "hung" && !r.ok) expect(r.failure.message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
    // Again on the pool that just failed, then after the fault clears.
    expect(kinds(await many(node, CONCURRENT))).toEqual(Array(CONCURRENT).fill("tls"));
    await lab.clearFaults();
    expect(kinds(await many(node, CONCURRENT))).toEqual(Array(CONCURRENT).fill("ok"));
  });

  // The same with the node's request slots out of the way: the agent itself must fail requests
  // that wait inside undici's pool, not only the ones on a connection.
  it("has the node's agent fail every queued request when the certificate names another host", async () => {
    await lab.setFault("hostname-mismatch", "vcs-c");
    const endpoint = { ...node, id: "transport-test-c-agent" };
    const outcomes = await Promise.all(
      Array.from({ length: CONCURRENT }, () => {
        let timer: NodeJS.Timeout | undefined;
        const hung = new Promise<string>((resolve) => (timer = setTimeout(() => resolve("hung"), HUNG_MS)));
        const sent = request(new URL(PATH, endpoint.baseUrl), { dispatcher: getAgent(endpoint) }).then(
          async (res) => (await res.body.dump(), "answered"),
          (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? "other error",
        );
        return Promise.race([sent, hung]).finally(() => clearTimeout(timer));
      }),
    );
    expect(outcomes).toEqual(Array(CONCURRENT).fill("ERR_TLS_CERT_ALTNAME_INVALID"));
  });

  it("checks a DNS name against the certificate as well as an IP address", async () => {
    const byName = { ...node, id: "transport-test-c-by-name", baseUrl: node.baseUrl.replace("127.0.0.1", "localhost") }; // the lab certificate names localhost
    expect(kinds(await many(byName, 2))).toEqual(["ok", "ok"]);
    await lab.setFault("hostname-mismatch", "vcs-c");
    const bad = await many(byName, 2);
    expect(kinds(bad)).toEqual(["tls", "tls"]);
    expect(bad[0]).toMatchObject({
      failure: { message: expect.stringMatching(/ERR_TLS_CERT_ALTNAME_INVALID.*localhost/) },
    });
  });

  it.each([
    ["untrusted-tls", "tls"],
    ["refused", "unreachable"],
  ] as const)("ends every one of many concurrent requests when the node fails with %s", async (fault, kind) => {
    await lab.setFault(fault, "vcs-c");
    expect(kinds(await many(node, CONCURRENT))).toEqual(Array(CONCURRENT).fill(kind));
  });

  it("ends a request whose body never completes, though bytes keep coming faster than the body timeout", async () => {
    // A byte every 100 ms: undici's body timeout (between chunks) never fires, only the deadline does.
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/xml" });
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const endpoint = {
        ...node,
        id: "transport-test-trickle",
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        connectTimeoutMs: 500,
        responseTimeoutMs: 500,
      };
      const [r] = await many(endpoint, 1, 0);
      expect(r).toMatchObject({ ok: false, failure: { kind: "timeout", message: expect.stringMatching(/deadline/) } });
      // The node's request slots were all given back: more requests than it has slots still end.
      expect(kinds(await many(endpoint, CONNECTIONS_PER_NODE + 1, 0))).toEqual(
        Array(CONNECTIONS_PER_NODE + 1).fill("timeout"),
      );
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

import "server-only";
import crypto from "node:crypto";
import https from "node:https";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { createCa, issueServerCert } from "./certificates";
import { routerFor } from "./lab";
import { LabState } from "./lab-state";
import type { LabRouter } from "./node-server";
import { LAB_NODES, type LabNodeSpec } from "./topology";

// Scale mode for benchmarks (P1): N simulated nodes, each on its own loopback port, so the poller
// sees N base URLs with N keep-alive pools, exactly as with N real boxes. The ports all feed ONE
// HTTPS server (each accepted socket is handed to it), and the node is known by the socket's local
// port: N full HTTPS servers would mean N certificates and N secure contexts for no gain.
// Nodes repeat the lab topology (C, E1, E2, CMS), and every answer waits the node's latency.

export interface ScaleLabOptions {
  nodes: number;
  /** Each node answers every request after a fixed latency, spread evenly over [min, max] ms. */
  latencyMs: [number, number];
  host?: string;
}

export interface ScaleLabNode extends LabNodeSpec {
  index: number;
  url: string;
  latencyMs: number;
}

export interface ScaleLab {
  nodes: ScaleLabNode[];
  caPem: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

export async function startScaleLab(o: ScaleLabOptions): Promise<ScaleLab> {
  const host = o.host ?? "127.0.0.1";
  const ca = await createCa("Edgescope Scale Lab CA");
  const cert = await issueServerCert(ca, { commonName: "scale-lab", dnsNames: ["localhost"], ipAddresses: [host] });
  const username = "admin";
  const password = crypto.randomBytes(12).toString("base64url");
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  const state = new LabState({ cmsMaxPageSize: 10 });
  const routers: LabRouter[] = LAB_NODES.map((spec) => routerFor(state, spec));
  const byPort = new Map<number, { router: LabRouter; latencyMs: number }>();

  const server = https.createServer({ cert: cert.certPem, key: cert.keyPem, keepAliveTimeout: 60_000 }, (req, res) => {
    const node = byPort.get(req.socket.localPort ?? 0);
    if (!node || req.headers.authorization !== expected) return void res.writeHead(401).end();
    setTimeout(() => {
      const answer = node.router(req.url ?? "/");
      if (answer === null) return void res.writeHead(404).end("Not Found");
      const status = typeof answer === "string" ? 200 : answer.status;
      res
        .writeHead(status, { "content-type": "text/xml; charset=utf-8" })
        .end(typeof answer === "string" ? answer : answer.body);
    }, node.latencyMs);
  });

  const [lo, hi] = o.latencyMs;
  const listeners: net.Server[] = [];
  const nodes: ScaleLabNode[] = [];
  for (let i = 0; i < o.nodes; i++) {
    const listener = net.createServer((socket) => server.emit("connection", socket));
    await new Promise<void>((resolve, reject) => listener.once("error", reject).listen(0, host, () => resolve()));
    listeners.push(listener);
    const port = (listener.address() as AddressInfo).port;
    const spec = LAB_NODES[i % LAB_NODES.length]!;
    const latencyMs = Math.round(o.nodes > 1 ? lo + ((hi - lo) * i) / (o.nodes - 1) : hi);
    byPort.set(port, { router: routers[i % LAB_NODES.length]!, latencyMs });
    nodes.push({ ...spec, index: i, name: `n${i}-${spec.name}`, url: `https://${host}:${port}`, latencyMs });
  }

  return {
    nodes,
    caPem: ca.certPem,
    username,
    password,
    async stop() {
      server.closeAllConnections();
      await Promise.all(listeners.map((l) => new Promise<void>((r) => l.close(() => r()))));
    },
  };
}

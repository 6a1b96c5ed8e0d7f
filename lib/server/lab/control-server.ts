import "server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { FAULTS, isFaultName } from "./faults";
import type { Lab } from "./lab";

// The lab's control API (plain HTTP on loopback; the lab is a test fixture, not a product):
//   GET /state · GET /faults/catalog · POST /faults {name, node?} · DELETE /faults[/name]
//   POST /notifications[/…] — a small receiver for Edgescope's alert webhooks (the demo's channel);
//   GET /notifications lists what arrived (newest last), DELETE /notifications forgets it.

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

const faultBody = z.object({
  name: z.string().refine(isFaultName, "unknown fault; see GET /faults/catalog"),
  node: z.string().nullish(),
});

const send = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

async function readText(req: http.IncomingMessage, max = 10_000): Promise<string> {
  let text = "";
  for await (const chunk of req) {
    text += chunk;
    if (text.length > max) throw new Error("body too large");
  }
  return text;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  return text ? JSON.parse(text) : {};
}

/** Notifications kept: enough to read a demo's alerts, bounded for a lab left running. */
const MAX_NOTIFICATIONS = 200;
interface Notification {
  at: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}
const parseBody = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export async function startControlServer(lab: Lab, host: string, port: number): Promise<ControlServer> {
  const notifications: Notification[] = [];
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://lab");
      if (url.pathname === "/notifications" || url.pathname.startsWith("/notifications/")) {
        if (req.method === "POST") {
          notifications.push({
            at: new Date().toISOString(),
            path: url.pathname,
            headers: req.headers,
            body: parseBody(await readText(req, 1_000_000)),
          });
          if (notifications.length > MAX_NOTIFICATIONS) notifications.shift();
          return send(res, 200, { ok: true });
        }
        if (req.method === "GET") return send(res, 200, { notifications });
        if (req.method === "DELETE") return send(res, 200, { deleted: notifications.splice(0).length });
      }
      if (req.method === "GET" && url.pathname === "/state") {
        return send(res, 200, {
          deployment: lab.deployment,
          nodes: lab.nodes,
          caPem: lab.caPem,
          dns: lab.dns,
          faults: lab.activeFaults(),
          cmsMaxPageSize: lab.cmsMaxPageSize,
        });
      }
      if (req.method === "GET" && url.pathname === "/faults/catalog") return send(res, 200, FAULTS);
      if (req.method === "POST" && url.pathname === "/faults") {
        const parsed = faultBody.safeParse(await readJson(req));
        if (!parsed.success)
          return send(res, 400, {
            error: { code: "bad_request", message: parsed.error.issues.map((i) => i.message).join("; ") },
          });
        const { name, node } = parsed.data;
        // lab.setFault rejects an unknown node, or a node the fault is not about (→ 400 below).
        await lab.setFault(name as keyof typeof FAULTS, node ?? null);
        return send(res, 200, { faults: lab.activeFaults() });
      }
      const del = url.pathname.match(/^\/faults(?:\/([\w-]+))?$/);
      if (req.method === "DELETE" && del) {
        const name = del[1];
        if (name && !isFaultName(name))
          return send(res, 400, { error: { code: "bad_request", message: `unknown fault "${name}"` } });
        await lab.clearFaults(name as keyof typeof FAULTS | undefined);
        return send(res, 200, { faults: lab.activeFaults() });
      }
      send(res, 404, { error: { code: "not_found", message: "no such control route" } });
    } catch (err) {
      send(res, 400, { error: { code: "bad_request", message: (err as Error).message } });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

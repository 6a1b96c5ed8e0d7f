import http from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP receiver on loopback for notification tests (webhook, Teams, Webex, Slack): it
// records every request and answers as the test says (ok, an error status, or never: "hang").

export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** What the next requests get: a status, or "hang" (headers never sent) */
  answer: number | "hang";
  /** Wait before answering, so concurrent senders overlap */
  delayMs: number;
  json(i?: number): unknown;
  waitFor(n: number, ms?: number, what?: (r: Received) => boolean): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const r: Receiver = {
    url: "",
    received: [],
    answer: 200,
    delayMs: 0,
    json: (i = r.received.length - 1) => JSON.parse(r.received[i]!.body),
    async waitFor(n, ms = 30_000, what = () => true) {
      const end = Date.now() + ms;
      while (r.received.filter(what).length < n) {
        if (Date.now() > end)
          throw new Error(`receiver: waited ${ms} ms for ${n} requests, got ${r.received.filter(what).length}`);
        await new Promise((res) => setTimeout(res, 50));
      }
      return r.received.filter(what);
    },
    close: () =>
      new Promise<void>((res) => {
        server.close(() => res());
        server.closeAllConnections();
      }),
  };
  const server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    r.received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, at: Date.now() });
    if (r.answer === "hang") return;
    if (r.delayMs) await new Promise((res) => setTimeout(res, r.delayMs));
    res
      .writeHead(r.answer, { "content-type": "application/json" })
      .end(r.answer < 300 ? '{"ok":true}' : '{"error":"receiver says no"}');
  });
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return r;
}

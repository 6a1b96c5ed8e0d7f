import "server-only";
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { IssuedCert } from "./certificates";
import { HUGE_BODY_BYTES, SLOW_FAULT_MS, type FaultName } from "./faults";
import type { LabState } from "./lab-state";
import type { LabNodeSpec } from "./topology";

/** An XML body (200), or a body with its own status (e.g. a CMS 404 with <failureDetails>). */
export type LabAnswer = string | { status: number; body: string };
/** Answers a request path, or null for a plain 404. */
export type LabRouter = (pathAndQuery: string) => LabAnswer | null;

export interface NodeServerOptions {
  spec: LabNodeSpec;
  state: LabState;
  router: LabRouter;
  host: string;
  port: number;
  username: string;
  password: string;
  /** noJoinSan: a valid certificate without the Join URL SAN (fault join-url-san-missing, C2). */
  certs: {
    normal: IssuedCert;
    untrusted: IssuedCert;
    mismatch: IssuedCert;
    noJoinSan: IssuedCert;
    expiring?: IssuedCert;
    noClientAuth?: IssuedCert;
    weak?: IssuedCert;
  };
}

const sleep = (ms: number, res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    res.once("close", () => (clearTimeout(t), resolve()));
  });

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

/** One simulated node: HTTPS with basic auth, whose answers the lab's faults can bend. */
export class NodeServer {
  private readonly server: https.Server;
  private listening = false;
  private tls: keyof NodeServerOptions["certs"] = "normal";
  port: number;

  constructor(private readonly o: NodeServerOptions) {
    this.port = o.port;
    this.server = https.createServer({ cert: o.certs.normal.certPem, key: o.certs.normal.keyPem }, (req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
  }

  get url(): string {
    return `https://${this.o.host}:${this.port}`;
  }

  async listen(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.port, this.o.host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  async stopListening(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Brings listening state and certificate in line with the faults now switched on. */
  async applyFaults(): Promise<void> {
    const has = (f: FaultName) => this.o.state.has(f, this.o.spec.key);
    const tls = has("untrusted-tls")
      ? "untrusted"
      : has("hostname-mismatch")
        ? "mismatch"
        : has("join-url-san-missing")
          ? "noJoinSan"
          : has("cert-expiring") && this.o.certs.expiring
            ? "expiring"
            : has("cert-no-client-auth") && this.o.certs.noClientAuth
              ? "noClientAuth"
              : has("cert-weak") && this.o.certs.weak
                ? "weak"
                : "normal";
    if (tls !== this.tls) {
      this.tls = tls;
      const cert = this.o.certs[tls]!;
      // OpenSSL's default security level refuses to load an RSA-1024/SHA-1 certificate at all.
      this.server.setSecureContext({
        cert: cert.certPem,
        key: cert.keyPem,
        ...(tls === "weak" ? { ciphers: "DEFAULT@SECLEVEL=0" } : {}),
      });
      this.server.closeIdleConnections(); // keep-alive sockets would otherwise keep the old certificate
    }
    if (has("refused")) await this.stopListening();
    else await this.listen();
  }

  private authorized(req: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.o.username}:${this.o.password}`).toString("base64")}`;
    return req.headers.authorization === expected;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const has = (f: FaultName) => this.o.state.has(f, this.o.spec.key);
    if (has("redirect-off-host"))
      return void res.writeHead(302, { location: `https://elsewhere.example.net${req.url}` }).end();
    if (!this.authorized(req) || has("http-401")) {
      return void res
        .writeHead(401, { "www-authenticate": `Basic realm="${this.o.spec.name}"`, "content-type": "text/plain" })
        .end("Unauthorized");
    }
    if (has("http-403")) return void res.writeHead(403, { "content-type": "text/plain" }).end("Forbidden");
    if (has("http-500")) return void res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
    if (has("slow-headers")) await sleep(SLOW_FAULT_MS, res);
    if (res.destroyed) return;

    const answer = this.o.router(req.url ?? "/");
    if (answer === null) return void res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    const status = typeof answer === "string" ? 200 : answer.status;
    let body = typeof answer === "string" ? answer : answer.body;
    if (has("malformed-xml")) body = `${body.slice(0, Math.floor(body.length / 2))}<Broken attr=&&`;
    const headers = { "content-type": "text/xml; charset=utf-8" };

    if (has("huge-body")) return this.streamHuge(res, headers);
    const half = Buffer.from(body).subarray(0, Math.floor(Buffer.byteLength(body) / 2));
    if (has("reset-mid-body")) {
      res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
      res.write(half);
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (has("slow-body")) {
      res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
      res.write(half);
      await sleep(SLOW_FAULT_MS, res);
      if (!res.destroyed) res.end(Buffer.from(body).subarray(half.length));
      return;
    }
    res.writeHead(status, headers).end(body);
  }

  private async streamHuge(res: ServerResponse, headers: Record<string, string>): Promise<void> {
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, '<Pad item="1">x</Pad>');
    res.write("<Status>");
    for (let sent = 0; sent < HUGE_BODY_BYTES && !res.destroyed; sent += chunk.length) {
      if (!res.write(chunk)) await drainOrClose(res);
    }
    if (!res.destroyed) res.end("</Status>");
  }

  async close(): Promise<void> {
    await this.stopListening();
  }
}

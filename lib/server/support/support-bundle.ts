import "server-only";
import type { Env } from "@/lib/env";
import type { NodeRole } from "@/lib/domain/types";
import { collectorsFor } from "@/lib/server/collectors";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { NODE_ORDER } from "@/lib/server/deployments/list-deployments";
import { notFound } from "@/lib/server/http/app-error";
import { captureOf } from "@/lib/server/poller/node-cycle";
import { toEndpoint } from "@/lib/server/poller/node-endpoint";
import type { Result } from "@/lib/server/transport/failure";
import { RequestLog } from "@/lib/server/transport/request-log";
import type { CaptureStore, SourceCapture } from "./capture-store";
import { makeRedactor, redactHeaders, type Redactor } from "./redact";

// The support bundle (docs/support-bundle.md): per node, the raw answer of every request of its
// last poll of each source — status, the headers that matter, body — with which parser path
// matched and any parse error, every secret redacted. One JSON document: readable as is, easy to
// attach to an issue, and nothing to unpack. It is how a user with a real box tells us what their
// box says where our formats are only inferred.

export const BUNDLE_FORMAT = "edgescope-support-bundle/1";

export interface BundleNode {
  id: string;
  name: string;
  role: NodeRole;
  baseUrl: string;
  /** last-poll: this server's last poll of each source · on-request: polled now for the bundle (nothing stored) · unavailable: the password cannot be opened */
  captured: "last-poll" | "on-request" | "unavailable";
  note: string | null;
  sources: SourceCapture[];
}

export interface SupportBundle {
  format: typeof BUNDLE_FORMAT;
  generatedAt: string;
  deployment: { id: string; name: string; joinUrl: string; callBridgeDomain: string };
  redaction: string;
  nodes: BundleNode[];
}

export interface BundleOptions {
  /** Only this node (else every node of the deployment) */
  nodeId?: string;
  /** Poll now for the bundle even when a last poll is held */
  fresh?: boolean;
  now?: () => Date;
}

type NodeRow = {
  id: string;
  name: string;
  role: NodeRole;
  baseUrl: string;
  username: string;
  passwordEnc: string;
  caPem: string | null;
  tlsInsecure: boolean;
};

export async function buildSupportBundle(
  db: Db,
  env: Env,
  box: SecretBox,
  captures: CaptureStore,
  deploymentId: string,
  o: BundleOptions = {},
): Promise<SupportBundle> {
  const now = o.now ?? (() => new Date());
  const d = await db.deployment.findUnique({
    where: { id: deploymentId },
    include: { nodes: { orderBy: NODE_ORDER } },
  });
  if (!d) throw notFound(`Deployment ${deploymentId}`);
  const nodes = o.nodeId ? d.nodes.filter((n) => n.id === o.nodeId) : d.nodes;
  if (o.nodeId && !nodes.length) throw notFound(`Node ${o.nodeId}`);
  const redact = await redactorFor(db, env, box);
  const out: BundleNode[] = [];
  for (const n of nodes) out.push(await bundleNode(n, box, env, captures, !!o.fresh, redact));
  return {
    format: BUNDLE_FORMAT,
    generatedAt: now().toISOString(),
    deployment: { id: d.id, name: d.name, joinUrl: d.joinUrl, callBridgeDomain: d.callBridgeDomain },
    redaction:
      "Node and TURN passwords (in any encoding, and as Basic credentials), the server's secret key and admin password, Authorization/Cookie/Set-Cookie values, URL userinfo, Basic/Bearer tokens and password-like fields are replaced by [redacted].",
    nodes: out,
  };
}

async function bundleNode(
  n: NodeRow,
  box: SecretBox,
  env: Env,
  captures: CaptureStore,
  fresh: boolean,
  redact: Redactor,
): Promise<BundleNode> {
  const head = { id: n.id, name: n.name, role: n.role, baseUrl: redact(n.baseUrl) };
  const held = fresh ? [] : captures.of(n.id);
  if (held.length)
    return { ...head, captured: "last-poll", note: null, sources: held.map((c) => redactCapture(c, redact)) };
  let endpoint;
  try {
    endpoint = toEndpoint(n, box, env.EDGESCOPE_HTTP_TIMEOUT_MS);
  } catch {
    return {
      ...head,
      captured: "unavailable",
      note: "The stored password cannot be opened with this server's key; enter it again.",
      sources: [],
    };
  }
  // No last poll held by this process (another instance polls this node, or it just started): poll once now, store nothing.
  const sources = await Promise.all(
    collectorsFor(n.role).map(async (c) => {
      const log = new RequestLog();
      let r: Result<unknown>;
      try {
        r = await c.collect({ endpoint: { ...endpoint, capture: log } });
      } catch (err) {
        r = { ok: false, failure: { kind: "parse", message: `internal error in ${c.id}: ${(err as Error).message}` } };
      }
      return redactCapture(captureOf(c.id, r, new Date(), log), redact);
    }),
  );
  return {
    ...head,
    captured: "on-request",
    note: fresh
      ? "Polled now for this bundle (fresh=1)."
      : "This server held no last poll of this node: polled now for this bundle.",
    sources,
  };
}

function redactCapture(c: SourceCapture, redact: Redactor): SourceCapture {
  const r = (s: string | null) => (s === null ? null : redact(s));
  return {
    ...c,
    message: r(c.message),
    parts: c.parts.map((p) => ({ ...p, reason: redact(p.reason) })),
    parseError: c.parseError && { path: c.parseError.path, excerpt: r(c.parseError.excerpt) },
    requests: c.requests.map((q) => ({
      ...q,
      url: redact(q.url),
      requestHeaders: redactHeaders(q.requestHeaders, redact),
      headers: redactHeaders(q.headers, redact),
      body: r(q.body),
      error: r(q.error),
    })),
  };
}

/** Every secret this server holds sealed (all nodes' and TURN passwords), plus its own. */
async function redactorFor(db: Db, env: Env, box: SecretBox): Promise<Redactor> {
  const [nodes, turn] = await Promise.all([
    db.node.findMany({ select: { username: true, passwordEnc: true } }),
    db.turnCredential.findMany({ select: { username: true, passwordEnc: true } }),
  ]);
  const secrets: string[] = [env.EDGESCOPE_SECRET_KEY, env.EDGESCOPE_ADMIN_PASSWORD].filter((s): s is string => !!s);
  for (const row of [...nodes, ...turn]) {
    try {
      secrets.push(box.open(row.passwordEnc));
    } catch {
      // Sealed under another key: this server cannot use it, and it cannot appear in an answer it got.
    }
  }
  return makeRedactor({ secrets, usernames: [...new Set([...nodes, ...turn].map((r) => r.username))] });
}

export const bundleFileName = (b: SupportBundle, nodeName?: string) =>
  `edgescope-support-${[b.deployment.name, nodeName]
    .filter(Boolean)
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "_")}-${b.generatedAt.replace(/[:.]/g, "-")}.json`;

import crypto from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTurnCredentials, setTurnCredential } from "@/lib/server/deployments/turn-credentials";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { createNode, listNodes, updateNode } from "@/lib/server/deployments/manage-nodes";
import { testNodeConnection } from "@/lib/server/deployments/test-connection";
import { AppError } from "@/lib/server/http/app-error";
import { createCa, issueServerCert, type Ca } from "@/lib/server/lab/certificates";
import { createTestDb, type TestDb } from "../support/test-db";

// A node's stored password goes only where it was entered for: changing the host, port or TLS
// trust needs the password again, so Test connection can never carry it to a new host.
interface Recorder {
  url: string;
  authorizations: string[];
  stop(): Promise<void>;
}

async function startRecorder(ca: Ca): Promise<Recorder> {
  const cert = await issueServerCert(ca, { commonName: "127.0.0.1", ipAddresses: ["127.0.0.1"] });
  const authorizations: string[] = [];
  const server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    authorizations.push(req.headers.authorization ?? "");
    res.writeHead(401).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let t: TestDb;
let ca: Ca;
let otherCa: Ca;
let home: Recorder;
let elsewhere: Recorder;
let deploymentId: string;
const box = new SecretBox(crypto.randomBytes(32));
const STORED = "stored-node-password-7f3a";
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

beforeAll(async () => {
  t = await createTestDb();
  ca = await createCa("Binding test CA");
  otherCa = await createCa("Another CA");
  home = await startRecorder(ca);
  elsewhere = await startRecorder(ca);
  deploymentId = (
    await t.db.deployment.create({
      data: { name: "Bind", joinUrl: "join.example.com", callBridgeDomain: "example.com" },
    })
  ).id;
});
afterAll(async () => {
  await home?.stop();
  await elsewhere?.stop();
  await t?.cleanup();
});

const refused = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(400);
  expect((err as AppError).code).toBe("password_required");
  expect((err as AppError).message).toMatch(/Enter the API password again/);
};

describe("a node's stored password stays with its host", () => {
  it("refuses a new host, port, CA or turning verification off without the password, and Test connection keeps to the old host", async () => {
    const node = await createNode(t.db, box, deploymentId, {
      role: "CMS",
      name: "cms",
      baseUrl: `${home.url}/`,
      username: "api",
      password: STORED,
      caPem: ca.certPem,
      tlsInsecure: false,
    });
    await refused(updateNode(t.db, box, deploymentId, node.id, { baseUrl: elsewhere.url }));
    await refused(
      updateNode(t.db, box, deploymentId, node.id, { baseUrl: home.url.replace("127.0.0.1", "localhost") }),
    );
    await refused(updateNode(t.db, box, deploymentId, node.id, { caPem: otherCa.certPem }));
    await refused(updateNode(t.db, box, deploymentId, node.id, { caPem: null }));
    await refused(updateNode(t.db, box, deploymentId, node.id, { tlsInsecure: true }));
    // The form sends every field: unchanged ones (same origin, same CA) need no password.
    const same = await updateNode(t.db, box, deploymentId, node.id, {
      name: "cms-renamed",
      baseUrl: `${home.url}/api/`,
      caPem: `${ca.certPem}\n`,
      tlsInsecure: false,
    });
    expect(same.name).toBe("cms-renamed");

    await testNodeConnection(t.db, box, deploymentId, node.id);
    expect(home.authorizations.length).toBeGreaterThan(0);
    expect(new Set(home.authorizations)).toEqual(new Set([basic("api", STORED)]));
    expect(elsewhere.authorizations).toEqual([]);
  });

  it("moves a node with its password entered again; the new host sees only that password", async () => {
    const node = await createNode(t.db, box, deploymentId, {
      role: "CMS",
      name: "cms-2",
      baseUrl: home.url,
      username: "api",
      password: STORED,
      caPem: ca.certPem,
      tlsInsecure: false,
    });
    const moved = await updateNode(t.db, box, deploymentId, node.id, {
      baseUrl: elsewhere.url,
      password: "password-for-the-new-host",
    });
    expect(moved.baseUrl).toBe(elsewhere.url);
    await testNodeConnection(t.db, box, deploymentId, node.id);
    expect(elsewhere.authorizations.length).toBeGreaterThan(0);
    expect(elsewhere.authorizations.every((a) => a === basic("api", "password-for-the-new-host"))).toBe(true);
  });
});

describe("a password sealed with another key", () => {
  it("is listed as unreadable, never as set, and Test connection says so", async () => {
    const node = await createNode(t.db, box, deploymentId, {
      role: "CMS",
      name: "cms-3",
      baseUrl: home.url,
      username: "api",
      password: STORED,
      caPem: ca.certPem,
      tlsInsecure: false,
    });
    const newKey = new SecretBox(crypto.randomBytes(32)); // the key file was lost and a new one made
    const listed = (await listNodes(t.db, newKey, deploymentId)).find((n) => n.id === node.id)!;
    expect(listed.passwordSet).toBe(false);
    expect(listed.passwordUnreadable).toBe(true);
    expect((await listNodes(t.db, box, deploymentId)).find((n) => n.id === node.id)!.passwordSet).toBe(true);
    const e = await createNode(t.db, box, deploymentId, {
      role: "EXPRESSWAY_E",
      name: "vcs-e",
      baseUrl: home.url,
      username: "api",
      password: STORED,
      caPem: ca.certPem,
      tlsInsecure: false,
    });
    await setTurnCredential(t.db, box, deploymentId, e.id, { username: "cmsturn", password: "turn-password" });
    expect((await listTurnCredentials(t.db, box, deploymentId)).map((c) => c.passwordSet)).toEqual([true]);
    expect((await listTurnCredentials(t.db, newKey, deploymentId)).map((c) => c.passwordSet)).toEqual([false]);
    const err = await testNodeConnection(t.db, newKey, deploymentId, node.id).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("password_unreadable");
    expect((err as AppError).message).toMatch(/^Password unreadable/);
  });
});

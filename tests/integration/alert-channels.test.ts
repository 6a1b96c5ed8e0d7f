import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { createChannel, listChannels, updateChannel } from "@/lib/server/alerts/channel-store";
import { testPayload } from "@/lib/server/alerts/manage-alerts";
import { enqueue, FAILING_AFTER } from "@/lib/server/alerts/outbox";
import { deliverTo, sendDueMessages } from "@/lib/server/alerts/sender";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { startReceiver, type Receiver } from "../support/http-receiver";
import { startSmtp } from "../support/smtp";
import { createTestDb, type TestDb } from "../support/test-db";

// Every channel type against a real peer on loopback: an SMTP server (STARTTLS, TLS, auth) and an
// HTTP receiver checking each payload against the shape its service documents.

let t: TestDb;
let rx: Receiver;
const box = new SecretBox(crypto.randomBytes(32));
const ctx = () => ({ webexApiUrl: `${rx.url}/v1` });

/** A firing message as the evaluator writes it, with the diagnosis filled in. */
const payload = (): AlertPayload => ({
  ...testPayload("x", "https://edgescope.example.net"),
  event: "firing",
  alert: {
    id: "a1",
    rule: { id: "r1", name: "NOC" },
    kind: "check",
    severity: "fail",
    since: "2026-12-01T10:00:00.000Z",
    firedAt: "2026-12-01T10:01:00.000Z",
    resolvedAt: null,
    durationSeconds: null,
  },
  deployment: { id: "d1", name: "Zurich", url: "https://edgescope.example.net/deployments/d1" },
  node: { id: "n1", name: "vcs-e1.example.net", role: "EXPRESSWAY_E" },
  check: { id: "r6-turn-ports", title: "TURN ports reachable", area: "turn-relays", domainIds: ["R6"] },
  status: "fail",
  summary: "TURN port 3478 of vcs-e1 does not answer",
  words: "UDP 203.0.113.10:3478: no answer to 7 Binding requests",
  evidence: [{ label: "UDP 3478", value: "no answer", source: "probe port" }],
  scenario: { id: "T3", title: "stuck on loading media", verdict: "likely", confidence: 0.8 },
  fix: ["Open UDP 3478 on the outside firewall to Expressway-E", "Check TURN is Active on vcs-e1"],
});

beforeAll(async () => {
  t = await createTestDb();
  rx = await startReceiver();
});
afterAll(async () => {
  await rx?.close();
  await t?.cleanup();
});

describe("e-mail over SMTP", () => {
  it.each([
    ["starttls", false],
    ["tls", true],
  ] as const)("%s with auth delivers the diagnosis, checking the server's certificate", async (security, secure) => {
    const smtp = await startSmtp({ secure, auth: { user: "noc", pass: "s3cret-pass" } });
    try {
      const ch = await createChannel(t.db, box, {
        name: `mail ${security}`,
        type: "email",
        enabled: true,
        config: {
          host: "localhost",
          port: smtp.port,
          security,
          username: "noc",
          password: "s3cret-pass",
          from: "edgescope@example.net",
          to: ["noc@example.net", "oncall@example.net"],
          caPem: smtp.caPem,
        },
      });
      const row = await t.db.alertChannel.findUniqueOrThrow({ where: { id: ch.id } });
      const p = payload();
      await deliverTo(box, row, p, ctx());
      expect(smtp.messages).toHaveLength(1);
      const m = smtp.messages[0]!;
      expect([m.from, m.to, m.user, m.secure]).toEqual([
        "edgescope@example.net",
        ["noc@example.net", "oncall@example.net"],
        "noc",
        true,
      ]);
      const text = m.raw
        .replace(/=\r\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      expect(text).toMatch(/^Subject: \[FIRING\] Zurich: TURN ports reachable \(R6\)/m);
      expect(text.toLowerCase()).toContain(`x-edgescope-message-id: ${p.messageId}`);
      for (const s of [
        "vcs-e1.example.net",
        "r6-turn-ports",
        "T3",
        "no answer to 7 Binding requests",
        "1. Open UDP 3478",
        "https://edgescope.example.net/deployments/d1",
        "2026-12-01T10:00:00.000Z",
      ])
        expect(text).toContain(s);
    } finally {
      await smtp.stop();
    }
  });

  it("a wrong password fails with the server's words; no CA → the certificate is refused", async () => {
    const smtp = await startSmtp({ secure: false, auth: { user: "noc", pass: "right-pass" } });
    try {
      const base = {
        host: "localhost",
        port: smtp.port,
        security: "starttls",
        username: "noc",
        from: "e@example.net",
        to: ["n@example.net"],
      };
      const bad = await createChannel(t.db, box, {
        name: "mail bad pass",
        type: "email",
        enabled: true,
        config: { ...base, password: "wrong", caPem: smtp.caPem },
      });
      await expect(
        deliverTo(box, await t.db.alertChannel.findUniqueOrThrow({ where: { id: bad.id } }), payload(), ctx()),
      ).rejects.toThrow(/535/);
      const noCa = await createChannel(t.db, box, {
        name: "mail no ca",
        type: "email",
        enabled: true,
        config: { ...base, password: "right-pass" },
      });
      await expect(
        deliverTo(box, await t.db.alertChannel.findUniqueOrThrow({ where: { id: noCa.id } }), payload(), ctx()),
      ).rejects.toThrow(/certificate/i);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.stop();
    }
  });

  it("security none sends without TLS to a server without AUTH", async () => {
    const smtp = await startSmtp({ secure: false, auth: null });
    try {
      const ch = await createChannel(t.db, box, {
        name: "mail plain",
        type: "email",
        enabled: true,
        config: { host: "127.0.0.1", port: smtp.port, security: "none", from: "e@example.net", to: ["n@example.net"] },
      });
      await deliverTo(box, await t.db.alertChannel.findUniqueOrThrow({ where: { id: ch.id } }), payload(), ctx());
      expect(smtp.messages.map((m) => m.secure)).toEqual([false]);
    } finally {
      await smtp.stop();
    }
  });
});

describe("HTTP channels", () => {
  const send = async (name: string, type: "teams" | "webex" | "slack" | "webhook", config: Record<string, unknown>) => {
    const ch = await createChannel(t.db, box, { name, type, enabled: true, config });
    rx.received.length = 0;
    await deliverTo(box, await t.db.alertChannel.findUniqueOrThrow({ where: { id: ch.id } }), payload(), ctx());
    expect(rx.received).toHaveLength(1);
    return { req: rx.received[0]!, body: JSON.parse(rx.received[0]!.body) };
  };

  it("Teams: a Workflows message with one Adaptive Card (facts, fix, link)", async () => {
    const { req, body } = await send("teams", "teams", { url: `${rx.url}/workflows/abc?sig=secret` });
    expect(req.path).toBe("/workflows/abc?sig=secret");
    expect(req.headers["content-type"]).toMatch(/application\/json/);
    expect(body.type).toBe("message");
    expect(body.attachments).toHaveLength(1);
    const a = body.attachments[0];
    expect(a.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(a.content).toMatchObject({
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      type: "AdaptiveCard",
      version: "1.4",
    });
    const types = a.content.body.map((b: { type: string }) => b.type);
    expect(types).toContain("FactSet");
    for (const b of a.content.body) if (b.type === "TextBlock") expect(typeof b.text).toBe("string");
    const facts = a.content.body.find((b: { type: string }) => b.type === "FactSet").facts;
    for (const f of facts) expect(Object.keys(f).sort()).toEqual(["title", "value"]);
    expect(facts.map((f: { title: string }) => f.title)).toEqual(
      expect.arrayContaining(["Deployment", "Node", "Check", "Likely scenario", "Since", "Status"]),
    );
    expect(a.content.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open the deployment", url: "https://edgescope.example.net/deployments/d1" },
    ]);
    expect(JSON.stringify(a.content)).toContain("1. Open UDP 3478");
  });

  it("Webex: POST {api}/messages with the bot token, roomId and Markdown", async () => {
    const { req, body } = await send("webex", "webex", {
      roomId: "Y2lzY29zcGFyazovL3VzL1JPT00vYWJj",
      token: "bot-token-123",
    });
    expect(req.path).toBe("/v1/messages");
    expect(req.headers.authorization).toBe("Bearer bot-token-123");
    expect(Object.keys(body).sort()).toEqual(["markdown", "roomId", "text"]);
    expect(body.roomId).toBe("Y2lzY29zcGFyazovL3VzL1JPT00vYWJj");
    expect(body.markdown).toMatch(/^\*\*\[FIRING\] Zurich/);
    expect(body.markdown).toContain("[Open the deployment](https://edgescope.example.net/deployments/d1)");
    expect(body.markdown.length).toBeLessThan(7439); // Webex's limit for a message
  });

  it("Slack: text fallback and blocks with mrkdwn", async () => {
    const { body } = await send("slack", "slack", { url: `${rx.url}/services/T000/B000/XXXX` });
    expect(body.text).toMatch(/^\[FIRING\] Zurich/);
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(["header", "section"]);
    expect(body.blocks[0].text.type).toBe("plain_text");
    expect(body.blocks[0].text.text.length).toBeLessThanOrEqual(150);
    expect(body.blocks[1].text.type).toBe("mrkdwn");
    expect(body.blocks[1].text.text).toContain("<https://edgescope.example.net/deployments/d1|Open the deployment>");
    expect(body.blocks[1].text.text).toContain("*Node:*");
  });

  it("webhook: the v1 payload itself, signed over timestamp.body", async () => {
    const { req, body } = await send("hook", "webhook", { url: `${rx.url}/hook`, secret: "a-long-shared-secret" });
    expect(body.schema).toBe("edgescope.alert/v1");
    expect(body.scenario).toEqual({ id: "T3", title: "stuck on loading media", verdict: "likely", confidence: 0.8 });
    const ts = req.headers["x-edgescope-timestamp"] as string;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    expect(req.headers["x-edgescope-signature"]).toBe(
      `sha256=${crypto.createHmac("sha256", "a-long-shared-secret").update(`${ts}.${req.body}`).digest("hex")}`,
    );
  });
});

describe("secrets and failures", () => {
  it("secrets are sealed at rest, never in a view, and kept when a PUT leaves them out", async () => {
    const ch = await createChannel(t.db, box, {
      name: "sealed",
      type: "webex",
      enabled: true,
      config: { roomId: "room-1", token: "very-secret-token" },
    });
    expect(JSON.stringify(ch)).not.toContain("very-secret-token");
    expect(ch.secretsSet).toEqual(["token"]);
    const row = await t.db.alertChannel.findUniqueOrThrow({ where: { id: ch.id } });
    expect(JSON.stringify(row)).not.toContain("very-secret-token");
    const updated = await updateChannel(t.db, box, ch.id, {
      name: "sealed",
      type: "webex",
      enabled: true,
      config: { roomId: "room-2" },
    });
    expect(updated.config).toEqual({ roomId: "room-2" });
    rx.received.length = 0;
    await deliverTo(box, await t.db.alertChannel.findUniqueOrThrow({ where: { id: ch.id } }), payload(), ctx());
    expect(rx.received[0]!.headers.authorization).toBe("Bearer very-secret-token");
    expect(JSON.stringify(await listChannels(t.db))).not.toMatch(
      /very-secret-token|a-long-shared-secret|s3cret-pass|sig=secret/,
    );
  });

  it("a receiver answering 500 is retried with backoff, and the channel is marked failing with the reason", async () => {
    const ch = await createChannel(t.db, box, {
      name: "broken",
      type: "webhook",
      enabled: true,
      config: { url: `${rx.url}/broken` },
    });
    rx.received.length = 0;
    rx.answer = 500;
    try {
      const now = new Date();
      const [id] = await enqueue(t.db, null, [ch.id], "firing", payload(), now);
      let at = now.getTime();
      for (let i = 0; i < FAILING_AFTER; i++) {
        await sendDueMessages({ db: t.db, box, holder: "a", ctx: ctx() }, new Date(at));
        const m = await t.db.alertMessage.findUniqueOrThrow({ where: { id } });
        expect(m.attempts).toBe(i + 1);
        expect(m.status).toBe("pending");
        expect(m.nextAttemptAt.getTime()).toBeGreaterThan(at);
        // Not due before its backoff: nothing sent.
        await sendDueMessages({ db: t.db, box, holder: "a", ctx: ctx() }, new Date(at + 1));
        expect(rx.received).toHaveLength(i + 1);
        at = m.nextAttemptAt.getTime();
      }
      const view = (await listChannels(t.db)).find((c) => c.id === ch.id)!;
      expect(view.failing).toBe(true);
      expect(view.lastError).toMatch(/HTTP 500.*receiver says no/);
      // It recovers: the next attempt succeeds and the channel is no longer failing.
      rx.answer = 200;
      await sendDueMessages({ db: t.db, box, holder: "a", ctx: ctx() }, new Date(at));
      expect((await t.db.alertMessage.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
      expect((await listChannels(t.db)).find((c) => c.id === ch.id)!.failing).toBe(false);
    } finally {
      rx.answer = 200;
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import type { AlertView, BoardAlertMarks, ChannelView, MaintenanceView, RuleView } from "@/lib/domain/alerts/types";
import { testPayload } from "@/lib/server/alerts/manage-alerts";
import { enqueue } from "@/lib/server/alerts/outbox";
import { loginCookie } from "../support/auth";
import { screenshot } from "../support/browser";
import { startReceiver, type Receiver } from "../support/http-receiver";
import { startLabApp, type LabApp } from "../support/lab-app";

// Alerting through the production build: the server's own jobs (evaluator, sender) deliver a lab
// fault to a webhook set up through the API; the API's roles, error shape and audit; the pages.

let la: LabApp;
let rx: Receiver;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  rx = await startReceiver();
  la = await startLabApp({
    role: "admin",
    env: {
      EDGESCOPE_RELAY_INTERVAL_MS: "1000",
      EDGESCOPE_STATUS_INTERVAL_MS: "1000",
      EDGESCOPE_CONFIG_INTERVAL_MS: "1000",
      EDGESCOPE_ALERT_TICK_MS: "500",
      EDGESCOPE_PUBLIC_URL: "https://edgescope.example.net",
    },
    viewport: { width: 1440, height: 1000 },
  });
  for (const role of ["viewer", "engineer", "admin"] as const) cookies[role] = await loginCookie(la.app.url, role);
}, 240_000);
afterAll(async () => {
  await la?.stop();
  await rx?.close();
});

async function api<T = unknown>(
  role: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${la.app.url}${path}`, {
    method,
    headers: { cookie: cookies[role]!, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

let channel: ChannelView;
let rule: RuleView;

describe("channels and rules", () => {
  it("admin adds a signed webhook channel; nobody sees its secret; Send test reaches the receiver", async () => {
    const created = await api<ChannelView>("admin", "POST", "/api/alerts/channels", {
      name: "noc",
      type: "webhook",
      config: { url: `${rx.url}/hook`, secret: "server-side-secret-1" },
      enabled: true,
    });
    expect(created.status).toBe(201);
    channel = created.body;
    for (const role of ["engineer", "admin"]) {
      const list = await api<ChannelView[]>(role, "GET", "/api/alerts/channels");
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toContain("server-side-secret-1");
      expect(list.body[0]!.secretsSet).toEqual(["secret"]);
    }
    const test = await api("admin", "POST", `/api/alerts/channels/${channel.id}/test`);
    expect(test.status).toBe(200);
    expect((JSON.parse(rx.received.at(-1)!.body) as AlertPayload).event).toBe("test");
  });

  it("roles, validation and failures answer in the one error shape", async () => {
    expect(
      (
        await api("engineer", "POST", "/api/alerts/channels", {
          name: "x",
          type: "slack",
          config: { url: "http://127.0.0.1:9/x" },
        })
      ).status,
    ).toBe(403);
    expect((await api("viewer", "GET", "/api/alerts/channels")).status).toBe(403);
    const bad = await api<{ error: { code: string; message: string } }>("admin", "POST", "/api/alerts/channels", {
      name: "x",
      type: "email",
      config: { host: "mail", port: 99999, security: "starttls", from: "not-an-address", to: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("bad_request");
    expect(bad.body.error.message).toMatch(/config\./);
    const unknownType = await api<{ error: { code: string } }>("admin", "POST", "/api/alerts/channels", {
      name: "x",
      type: "pager",
      config: {},
    });
    expect([unknownType.status, unknownType.body.error.code]).toEqual([400, "bad_request"]);
    const dead = await api<ChannelView>("admin", "POST", "/api/alerts/channels", {
      name: "dead end",
      type: "slack",
      config: { url: "http://127.0.0.1:9/nothing" },
      enabled: false,
    });
    const test = await api<{ error: { code: string; message: string } }>(
      "admin",
      "POST",
      `/api/alerts/channels/${dead.body.id}/test`,
    );
    expect(test.status).toBe(502);
    expect(test.body.error.code).toBe("delivery_failed");
    expect(test.body.error.message).toMatch(/127\.0\.0\.1:9/);
    expect((await api("admin", "DELETE", `/api/alerts/channels/${dead.body.id}`)).status).toBe(200);
    const badRule = await api<{ error: { code: string; message: string } }>("admin", "POST", "/api/alerts/rules", {
      name: "r",
      minSeverity: "fail",
      channelIds: ["cnotfound00000000000000000"],
    });
    expect([badRule.status, badRule.body.error.code]).toEqual([400, "bad_request"]);
  });

  it("admin adds a rule; engineers read it", async () => {
    const created = await api<RuleView>("admin", "POST", "/api/alerts/rules", {
      name: "lab",
      minSeverity: "fail",
      pendingSeconds: 2,
      recoverySeconds: 2,
      channelIds: [channel.id],
      notifyOnResolve: true,
    });
    expect(created.status).toBe(201);
    rule = created.body;
    expect((await api<RuleView[]>("engineer", "GET", "/api/alerts/rules")).body.map((r) => r.name)).toEqual(["lab"]);
    expect(
      (await api("engineer", "POST", "/api/alerts/rules", { name: "mine", minSeverity: "fail", channelIds: [] }))
        .status,
    ).toBe(403);
  });
});

describe("an alert end to end", () => {
  let alert: AlertView;

  it("a lab fault fires through the server's own jobs to the webhook", async () => {
    const e1 = await la.f.nodeId("vcs-e1");
    await la.f.lab.setFault("malformed-xml", "vcs-e1");
    const [req] = await rx.waitFor(1, 60_000, (r) => JSON.parse(r.body).event === "firing");
    const p = JSON.parse(req!.body) as AlertPayload;
    expect([p.alert.kind, p.node?.id, p.alert.rule.name]).toEqual(["poll", e1, "lab"]);
    const firing = await api<AlertView[]>("viewer", "GET", "/api/alerts?state=firing");
    alert = firing.body.find((a) => a.id === p.alert.id)!;
    expect(alert).toMatchObject({ state: "firing", kind: "poll", deploymentId: la.f.deploymentId, silenced: false });
    expect(
      (await api<BoardAlertMarks>("viewer", "GET", "/api/alerts/board")).body.firing[la.f.deploymentId],
    ).toBeGreaterThanOrEqual(1);
  });

  it("engineers acknowledge and silence; viewers may not; every change is audited", async () => {
    expect((await api("viewer", "POST", `/api/alerts/${alert.id}/ack`)).status).toBe(403);
    expect((await api("engineer", "POST", `/api/alerts/${alert.id}/ack`)).status).toBe(200);
    expect((await api("engineer", "POST", `/api/alerts/${alert.id}/silence`, { minutes: 0 })).status).toBe(400);
    expect((await api("engineer", "POST", `/api/alerts/${alert.id}/silence`, { minutes: 240 })).status).toBe(200);
    const silenced = (await api<AlertView[]>("viewer", "GET", "/api/alerts?state=silenced")).body.find(
      (a) => a.id === alert.id,
    )!;
    expect(silenced).toMatchObject({ ackedBy: "engineer", silenced: true, silencedBy: "engineer" });
    expect(
      (await api<AlertView[]>("viewer", "GET", "/api/alerts?state=firing")).body.some((a) => a.id === alert.id),
    ).toBe(false);
    expect((await api("viewer", "GET", "/api/alerts?state=bogus")).status).toBe(400);
    const audit = await la.f.t.db.auditLog.findMany({ where: { action: { startsWith: "alert" } } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "alert-channel.create",
        "alert-channel.test",
        "alert-channel.delete",
        "alert-rule.create",
        "alert.ack",
        "alert.silence",
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain("server-side-secret-1");
  });

  it("maintenance windows: engineers add and end them, bad cron is a 400, the board marks the deployment", async () => {
    const bad = await api<{ error: { code: string } }>("engineer", "POST", "/api/maintenance", {
      deploymentId: null,
      cron: "99 99 * * *",
      durationMinutes: 60,
      timezone: "Europe/Zurich",
      reason: "x",
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, "bad_request"]);
    expect(
      (
        await api("engineer", "POST", "/api/maintenance", {
          deploymentId: null,
          cron: "0 2 * * 0",
          durationMinutes: 60,
          timezone: "Mars/Olympus",
          reason: "x",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api("viewer", "POST", "/api/maintenance", {
          deploymentId: null,
          start: new Date().toISOString(),
          end: new Date(Date.now() + 60_000).toISOString(),
          reason: "x",
        })
      ).status,
    ).toBe(403);
    const w = await api<MaintenanceView>("engineer", "POST", "/api/maintenance", {
      deploymentId: la.f.deploymentId,
      start: new Date(Date.now() - 60_000).toISOString(),
      end: new Date(Date.now() + 3_600_000).toISOString(),
      reason: "Expressway upgrade",
    });
    expect(w.status).toBe(201);
    expect(w.body.active).toBe(true);
    const weekly = await api<MaintenanceView>("engineer", "POST", "/api/maintenance", {
      deploymentId: null,
      cron: "0 2 * * 0",
      durationMinutes: 120,
      timezone: "Europe/Zurich",
      reason: "weekly backup",
    });
    expect(weekly.status).toBe(201);
    expect(new Date(weekly.body.nextStart!).getUTCDay()).toBe(0);
    expect((await api<BoardAlertMarks>("viewer", "GET", "/api/alerts/board")).body.maintenance).toEqual([
      la.f.deploymentId,
    ]);
  });

  it("the pages show it (screenshots)", async () => {
    const page = la.browser!.page;
    for (const [path, name] of [
      ["/", "alerts-board"],
      ["/?density=compact", "alerts-board-compact"],
      ["/alerts", "alerts-firing"],
      ["/alerts/rules", "alerts-rules"],
      ["/alerts/channels", "alerts-channels"],
      ["/maintenance", "alerts-maintenance"],
    ] as const) {
      await page.goto(`${la.app.url}${path}`);
      await page.waitForLoadState("networkidle");
      await screenshot(page, name);
    }
    await page.goto(`${la.app.url}/`);
    await page.waitForSelector('[data-testid="tile-alert-mark"][data-maintenance="true"]');
    expect(Number(await page.getAttribute('[data-testid="tile-alert-mark"]', "data-firing"))).toBeGreaterThanOrEqual(1);
    await page.goto(`${la.app.url}/alerts`);
    await page.getByRole("tab", { name: "silenced" }).click();
    await page.waitForSelector('[data-testid="alert-row"]');
    expect(await page.textContent('[data-testid="alert-row"]')).toMatch(/acknowledged by engineer/);
    await screenshot(page, "alerts-silenced");
  });
});

describe("the Channels page", () => {
  it("adds a channel through the form, sends a test, and shows a failing channel with the receiver's answer", async () => {
    const page = la.browser!.page;
    await page.goto(`${la.app.url}/alerts/channels`);
    await page.getByRole("button", { name: "Add a channel" }).click();
    await page.getByLabel("Name").fill("form hook");
    await page.getByLabel("URL").fill(`${rx.url}/form`);
    await page.getByLabel("HMAC secret (X-Edgescope-Signature) (optional)").fill("form-secret-123");
    await screenshot(page, "alerts-channel-form");
    await page.getByRole("button", { name: "Add channel" }).click();
    const row = page.locator('[data-testid="channel-row"]', { hasText: "form hook" });
    await row.waitFor();
    expect(await row.textContent()).toContain("secret: set");
    const before = rx.received.length;
    await row.getByRole("button", { name: "Send test" }).click();
    await row.getByText("Test message delivered.").waitFor();
    expect(rx.received.slice(before).map((r) => r.path)).toEqual(["/form"]);

    // A receiver that refuses: three failed deliveries by the server's sender mark the channel failing.
    rx.answer = 503;
    try {
      const ch = (await api<ChannelView[]>("admin", "GET", "/api/alerts/channels")).body.find(
        (c) => c.name === "form hook",
      )!;
      for (let i = 0; i < 3; i++)
        await enqueue(la.f.t.db, null, [ch.id], "firing", testPayload("form hook", "http://localhost"), new Date());
      const end = Date.now() + 30_000;
      while (
        !(await api<ChannelView[]>("admin", "GET", "/api/alerts/channels")).body.find((c) => c.id === ch.id)!.failing
      ) {
        if (Date.now() > end) throw new Error("the channel was not marked failing");
        await new Promise((r) => setTimeout(r, 250));
      }
      await page.reload();
      const failing = page.locator('[data-testid="channel-row"][data-failing="true"]', { hasText: "form hook" });
      await failing.waitFor();
      expect(await failing.textContent()).toMatch(/FAILING since.*Last error: 127\.0\.0\.1:\d+ answered HTTP 503/);
      await screenshot(page, "alerts-channel-failing");
    } finally {
      rx.answer = 200;
    }

    // Edit: a new URL, the secret left empty is kept (the test message is still signed with it).
    await page
      .locator('[data-testid="channel-row"]', { hasText: "form hook" })
      .getByRole("button", { name: "Edit" })
      .click();
    await page.getByLabel("URL").fill(`${rx.url}/form2`);
    await screenshot(page, "alerts-channel-edit");
    await page.getByRole("button", { name: "Save channel" }).click();
    const edited = page.locator('[data-testid="channel-row"]', { hasText: "form hook" });
    await edited.getByText("/form2").waitFor();
    const view = (await api<ChannelView[]>("admin", "GET", "/api/alerts/channels")).body.find(
      (c) => c.name === "form hook",
    )!;
    expect([view.config.url, view.secretsSet, view.failing]).toEqual([`${rx.url}/form2`, ["secret"], false]);
    const n = rx.received.length;
    await edited.getByRole("button", { name: "Send test" }).click();
    await edited.getByText("Test message delivered.").waitFor();
    const req = rx.received[n]!;
    expect(req.path).toBe("/form2");
    const { createHmac } = await import("node:crypto");
    expect(req.headers["x-edgescope-signature"]).toBe(
      `sha256=${createHmac("sha256", "form-secret-123").update(`${req.headers["x-edgescope-timestamp"]}.${req.body}`).digest("hex")}`,
    );
  });
});

describe("the Alert rules page", () => {
  it("edits a rule through its form", async () => {
    const page = la.browser!.page;
    await page.goto(`${la.app.url}/alerts/rules`);
    await page.locator('[data-testid="rule-row"]', { hasText: "lab" }).getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Pending time, s").fill("45");
    await page.getByLabel("Repeat every, min").fill("30");
    await screenshot(page, "alerts-rule-edit");
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.locator('[data-testid="rule-row"]', { hasText: "pending 45 s" }).waitFor();
    const r = (await api<RuleView[]>("admin", "GET", "/api/alerts/rules")).body.find((x) => x.name === "lab")!;
    expect([r.pendingSeconds, r.recoverySeconds, r.repeatMinutes, r.channelIds, r.notifyOnResolve]).toEqual([
      45,
      2,
      30,
      [rule.channelIds[0]],
      true,
    ]);
    const audit = await la.f.t.db.auditLog.findMany({
      where: { action: { in: ["alert-rule.update", "alert-channel.update"] } },
    });
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });
});

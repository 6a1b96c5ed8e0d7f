import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChecksResponse } from "@/lib/domain/checks";
import { seedLabResolvers, seedLabTurnCredentials } from "@/lib/server/demo/seed-lab";
import { screenshot, type Browser } from "../support/browser";
import { startLabApp, type LabApp } from "../support/lab-app";

// The troubleshooting page under `next start` against the lab as the demo runs it (TURN credentials
// and resolvers seeded): the server's verdict, cause first with its own fix, in the page's words;
// "Run probes now" reflecting a fault injected a second earlier and a cleared one at once;
// evidence that confirms, is quoted verbatim, and can be removed; "Verify fix" before → after;
// and the exported report.

let labApp: LabApp;
let browser: Browser;
let page: Page;

const api = async <T>(method: string, path: string): Promise<T> => {
  const res = await fetch(`${labApp.app.url}${path}`, { method, headers: { cookie: labApp.cookie } });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const pollNow = () => api("POST", `/api/deployments/${labApp.f.deploymentId}/poll`);
/** The check's own fix as the checks API gives it (cached probe results: the page's last run). */
const checkFix = async (id: string) =>
  (await api<ChecksResponse>("GET", `/api/deployments/${labApp.f.deploymentId}/checks`)).checks.find(
    (c) => c.id === id,
  )!.fix;
const verdict = () => page.getByTestId("verdict").innerText();
const liveStatus = (id: string) =>
  page.locator(`[data-testid="live-check"][data-check="${id}"]`).getAttribute("data-status");
const runProbes = page_button("Run probes now");

/** Error banners on the page (Next's empty route announcer is an alert too). */
const errors = async () => (await page.getByRole("alert").allInnerTexts()).filter((t) => t.trim());

/** Clicks a button of the live checks card and waits until the answer it asked for has come. */
function page_button(name: string) {
  return async () => {
    const answeredAt = () => page.getByTestId("answered-at").getAttribute("data-generated-at");
    const before = await answeredAt();
    await page.getByRole("button", { name }).click();
    await expect
      .poll(async () => (await errors()).join(" ") || (await answeredAt()), { timeout: 20_000 })
      .not.toBe(before);
    await page.getByRole("button", { name: "Run probes now", disabled: false }).waitFor({ timeout: 20_000 });
    expect(await errors()).toEqual([]);
  };
}
async function openSymptom(words: RegExp) {
  await page.goto(`${labApp.app.url}/troubleshoot`);
  await page.getByRole("button", { name: words }).click();
  await page.getByTestId("verdict").waitFor({ timeout: 20_000 });
  await page.getByRole("button", { name: "Run probes now", disabled: false }).waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  labApp = await startLabApp({ role: "engineer", viewport: { width: 1440, height: 1000 } });
  browser = labApp.browser!;
  page = browser.page;
  await seedLabTurnCredentials(labApp.f.t.db, labApp.f.box, labApp.f.lab, labApp.f.deploymentId);
  await seedLabResolvers(labApp.f.t.db, labApp.f.lab, labApp.f.deploymentId);
});
afterAll(() => labApp?.stop());
beforeEach(async () => {
  await labApp.f.lab.clearFaults();
  await pollNow();
});

describe("Run probes now", () => {
  it("reflects a TURN fault injected one second earlier, and its clearing at once", async () => {
    await openSymptom(/Outside users connect but get no audio or video/);
    expect(await liveStatus("c5-turn-credentials")).toBe("pass");
    expect(await verdict()).toMatch(/^Not indicated/);

    await labApp.f.lab.setFault("turn-wrong-credentials", "vcs-e1");
    await new Promise((r) => setTimeout(r, 1000));
    await runProbes();
    // One click, one answer: no reused result hides the fault.
    expect(await liveStatus("c5-turn-credentials")).toBe("fail");
    expect(await verdict()).toBe("Likely (90 %): Expressway-E rejects the TURN credentials (C3, C5)");
    expect(await page.locator('[data-check="c5-turn-credentials"] [data-testid="probed"]').innerText()).toMatch(
      /^probed \d\d:\d\d:\d\d, \d+ s ago$/,
    );

    await labApp.f.lab.clearFaults();
    await runProbes();
    expect(await liveStatus("c5-turn-credentials")).toBe("pass");
    expect(await verdict()).toMatch(/^Not indicated/);
  });
});

describe("Run probes now on the deployment page", () => {
  it("probes afresh (a POST) and each check says when its probes ran", async () => {
    await labApp.f.lab.setFault("turn-down", "vcs-e1");
    await page.goto(`${labApp.app.url}/deployments/${labApp.f.deploymentId}`);
    const posted = page.waitForRequest(
      (r) => r.method() === "POST" && r.url().endsWith(`/api/deployments/${labApp.f.deploymentId}/checks`),
    );
    await page.getByRole("button", { name: "Run probes now" }).click();
    await posted;
    const r6 = page.locator('[data-testid="check"]').filter({ hasText: "TURN ports consistent" });
    await expect.poll(() => r6.getAttribute("data-status"), { timeout: 20_000 }).toBe("fail");
    expect(await r6.getByTestId("probed").innerText()).toMatch(/^probed \d\d:\d\d:\d\d, \d+ s ago$/);
    await page.getByTestId("scenarios").waitFor();
    await page
      .locator("section")
      .filter({ has: page.getByTestId("scenarios") })
      .screenshot({ path: "test-results/screenshots/deployment-checks-probed.png" });
  });
});

describe("the troubleshooting page walks lab faults", () => {
  it("turn-wrong-credentials on T1: likely with the check's own fix; an ICE failure log confirms it, quoted verbatim, in the report; removing it takes the confirmation back", async () => {
    await labApp.f.lab.setFault("turn-wrong-credentials", "vcs-e2");
    await openSymptom(/Outside users connect but get no audio or video/);
    expect(await verdict()).toBe("Likely (90 %): Expressway-E rejects the TURN credentials (C3, C5)");
    expect(await page.getByTestId("cause-strength").first().innerText()).toBe("likely (90 %)");
    const fix = await checkFix("c5-turn-credentials");
    expect(fix.length).toBeGreaterThan(0);
    expect(await page.getByTestId("fix-steps").innerText()).toBe(fix.join("\n"));
    expect(await page.getByTestId("basis").first().innerText()).toMatch(/probe turn udp .* ran at \d\d:\d\d:\d\d UTC/);

    await page.getByLabel("Evidence file").setInputFiles("tests/fixtures/analyzers/cms-log/t1-ice-failure.tsv");
    await page.getByTestId("evidence-item").waitFor();
    await expect
      .poll(verdict, { timeout: 20_000 })
      .toMatch(/^Confirmed by your evidence \(\d+ %\): Expressway-E rejects the TURN credentials/);
    // The quote is the log line as written: date, time, level, message.
    expect(await page.getByTestId("quote").first().innerText()).toContain(
      "line 3: 2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4 (unauthorized - check credentials)",
    );
    expect(await page.getByTestId("basis").first().innerText()).toContain(
      't1-ice-failure.tsv: TURN credentials rejected: ICE failure 4 (unauthorized - check credentials) (fail, high confidence) — line 3: "2017-04-15\t10:34:56.536\tWarning\tcall 7',
    );
    await screenshot(page, "troubleshoot-t1-confirmed");

    const [dl] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export report (Markdown)" }).click(),
    ]);
    const md = fs.readFileSync((await dl.path())!, "utf8");
    fs.mkdirSync("test-results", { recursive: true });
    fs.writeFileSync("test-results/troubleshoot-t1-report.md", md);
    expect(md).toMatch(
      /- Verdict \(Edgescope's verdict engine, .*\): \*\*Confirmed by your evidence \(\d+ %\): Expressway-E rejects the TURN credentials \(C3, C5\)\*\*/,
    );
    expect(md).toMatch(/### t1-ice-failure\.tsv \(cms-log, \d+ bytes, attached .*\)/);
    expect(md).toContain(
      "  - line 3: `2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4 (unauthorized - check credentials)`",
    );
    expect(md).toContain(`Fix:\n${fix.map((f, i) => `${i + 1}. ${f}`).join("\n")}`);
    await showReport(md, "troubleshoot-t1-report");

    await page.getByRole("button", { name: "Remove t1-ice-failure.tsv" }).click();
    await expect
      .poll(verdict, { timeout: 20_000 })
      .toBe("Likely (90 %): Expressway-E rejects the TURN credentials (C3, C5)");
    expect(await page.getByTestId("evidence-item").count()).toBe(0);
  });

  it("dns-inside-to-expressway picked as T1: says it looks like T2 and opens T2, led by inside DNS (R9)", async () => {
    await labApp.f.lab.setFault("dns-inside-to-expressway");
    await openSymptom(/Outside users connect but get no audio or video/);
    expect(await verdict()).toMatch(/^Not indicated/);
    expect(await page.getByTestId("looks-like").innerText()).toMatch(
      /^This looks like T2: Outside users are not offered the join option\./,
    );
    await screenshot(page, "troubleshoot-t1-looks-like-t2");
    await page.getByRole("button", { name: "Open T2" }).click();
    expect(await verdict()).toBe("Likely (85 %): Inside DNS does not resolve the Join URL to the Web Bridge (R9)");
    expect(await page.getByTestId("looks-like").count()).toBe(0);
    expect(await page.getByTestId("fix-steps").innerText()).toBe((await checkFix("r9-inside-dns")).join("\n"));
  });

  it("web-proxy-disabled on T4: the web proxy (C1) leads and explains the rest; Verify fix shows before → after", async () => {
    await labApp.f.lab.setFault("web-proxy-disabled");
    await pollNow();
    await openSymptom(/Unable to connect/);
    expect(await verdict()).toBe(
      "Likely (85 %): Meeting Server Web Proxy is off, or its Guest account client URI is not the Join URL (C1)",
    );
    const causes = await page.getByTestId("cause").evaluateAll((els) => els.map((e) => e.getAttribute("data-cause")));
    expect(causes[0]).toBe("c1-web-proxy");
    expect(causes.slice(1).sort()).toEqual(["v1-web-bridge-resolved", "v2-allowlist-rules", "v3-tunnels"]);
    expect(await page.getByTestId("cause").first().innerText()).toContain(
      "Root cause: it explains causes 2, 3 and 4 below.",
    );
    expect(await page.getByTestId("cause").nth(1).innerText()).toContain("Follows from cause 1: fix that first.");
    expect(await page.getByTestId("fix-steps").innerText()).toBe((await checkFix("c1-web-proxy")).join("\n"));
    await screenshot(page, "troubleshoot-t4-web-proxy");

    await labApp.f.lab.clearFaults();
    await page_button("Verify fix")();
    await page.getByTestId("verify-table").waitFor();
    expect(await page.locator('[data-testid="verify-row"][data-check="c1-web-proxy"]').innerText()).toMatch(
      /FAIL\s+PASS$/,
    );
    expect(await page.getByTestId("verify-verdict").innerText()).toMatch(
      /T4 before: Likely \(85 %\)[\s\S]*T4 after: Not indicated/,
    );
    expect(await verdict()).toMatch(/^Not indicated/);
    await screenshot(page, "troubleshoot-t4-verified");
  });
});

describe("a long upload", () => {
  it("shows its upload progress, then that the server is analysing it, then the findings", async () => {
    await openSymptom(/Outside users connect but get no audio or video/);
    // 3 MB of event log sent at 512 KB/s: about six seconds of upload to watch.
    const line = '2017-04-15\t10:33:12.101\tInfo\tcall 7: allocated for guest "Guest" conference "lab.space"\n';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edgescope-upload-")), "long-event.log");
    fs.writeFileSync(
      file,
      line.repeat(Math.ceil((3 * 1024 * 1024) / line.length)) +
        "2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4 (unauthorized - check credentials)\n",
    );
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 512 * 1024,
    });
    // Every text the progress line shows, as it changes (the analysis phase may be short).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid="upload-progress"]')?.textContent;
        if (t && seen.at(-1) !== t) seen.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    try {
      await page.getByLabel("Evidence file").setInputFiles(file);
      await page.getByTestId("evidence-item").waitFor({ timeout: 60_000 });
    } finally {
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await cdp.detach();
    }
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    const uploads = seen.filter((t) => t.startsWith("Uploading: "));
    expect(uploads.length, seen.join("\n")).toBeGreaterThan(2);
    expect(uploads.at(-1)).toMatch(/^Uploading: \d+ % \(\d+\.\d MB of 3\.0 MB\)$/);
    expect(
      seen.some((t) => /^Uploaded; analysing on the server… \d+ s$/.test(t)),
      seen.join("\n"),
    ).toBe(true);
    await expect.poll(verdict, { timeout: 20_000 }).toMatch(/^Confirmed by your evidence/);
    expect(await page.getByTestId("upload-progress").count()).toBe(0);
  });
});

/** The exported Markdown as an engineer reads it, screenshotted. */
async function showReport(md: string, name: string) {
  const p = await browser.context.newPage();
  const esc = md.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  await p.setContent(
    `<pre style="font: 14px/1.45 ui-monospace, monospace; white-space: pre-wrap; padding: 24px; max-width: 1200px">${esc}</pre>`,
  );
  await screenshot(p, name);
  await p.close();
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/domain/roles";
import { AppError } from "@/lib/server/http/app-error";
import { parseHostPort } from "@/lib/server/probes/host-port";
import {
  assertProbeTargetAllowed,
  probeExtraTargetsInput,
  setProbeExtraTargets,
} from "@/lib/server/probes/probe-targets";
import { createTestDb, type TestDb } from "../support/test-db";

// An engineer's on-demand probe may reach only what the deployments name, unless an admin widens it.
let t: TestDb;
const engineer: SessionUser = { id: "e", username: "engineer", role: "engineer", mustChangePassword: false };
const admin: SessionUser = { id: "a", username: "admin", role: "admin", mustChangePassword: false };

beforeAll(async () => {
  t = await createTestDb();
  const d = await t.db.deployment.create({
    data: {
      name: "HQ",
      joinUrl: "join.example.com",
      callBridgeDomain: "example.com",
      outsideResolver: "198.51.100.53:53",
      insideResolver: "[2001:db8::53]:5353",
    },
  });
  await t.db.node.create({
    data: {
      deploymentId: d.id,
      role: "EXPRESSWAY_E",
      name: "vcs-e1",
      baseUrl: "https://vcs-e1.example.com:445",
      username: "api",
      passwordEnc: "v1:x:y:z",
      privateAddress: "10.0.0.36",
      publicAddress: "203.0.113.5",
      turnProbeTarget: "203.0.113.6:3478",
      tlsProbeTarget: "[2001:db8::443]:443",
    },
  });
});
afterAll(async () => {
  await t?.cleanup();
});

const target = (text: string) => {
  const p = parseHostPort(text, { defaultPort: 1 });
  if (!p.ok) throw new Error(p.message);
  return p.value;
};
const verdict = (user: SessionUser, text: string) =>
  assertProbeTargetAllowed(t.db, user, target(text)).then(
    () => "allowed",
    (err: unknown) => (err instanceof AppError ? `${err.status} ${err.code}` : String(err)),
  );

describe("engineer probe targets", () => {
  it.each([
    "vcs-e1.example.com:445",
    "VCS-E1.example.com.:22",
    "10.0.0.36:443",
    "203.0.113.5:3478",
    "203.0.113.6:3478",
    "[2001:db8::443]:443",
    "join.example.com:443",
    "198.51.100.53:53",
    "[2001:db8::53]:53",
  ])("%s (named by the deployment, any port) is allowed", async (text) => {
    expect(await verdict(engineer, text)).toBe("allowed");
  });

  it.each([
    "127.0.0.1:22",
    "10.0.0.1:445",
    "169.254.169.254:80",
    "[::1]:6379",
    "[::ffff:10.0.0.1]:80",
    "evil.example.net:443",
    "192.0.2.1:3478",
  ])("%s is refused with 403", async (text) => {
    expect(await verdict(engineer, text)).toBe("403 probe_target_not_allowed");
  });

  it("admins are not limited, and widen the engineers' set with addresses, ranges and names", async () => {
    expect(await verdict(admin, "10.0.0.1:445")).toBe("allowed");
    await setProbeExtraTargets(t.db, ["10.20.0.0/16", "192.0.2.1", "jump.example.org"]);
    expect(await verdict(engineer, "10.20.3.4:443")).toBe("allowed");
    expect(await verdict(engineer, "192.0.2.1:3478")).toBe("allowed");
    expect(await verdict(engineer, "jump.example.org:22")).toBe("allowed");
    expect(await verdict(engineer, "10.21.0.1:443")).toBe("403 probe_target_not_allowed");
    await setProbeExtraTargets(t.db, []);
    expect(await verdict(engineer, "10.20.3.4:443")).toBe("403 probe_target_not_allowed");
  });

  it("the extra targets accept only addresses, CIDR ranges and host names", () => {
    expect(probeExtraTargetsInput.safeParse(["10.0.0.0/8", "2001:db8::/32", "host.example.com"]).success).toBe(true);
    for (const bad of ["10.0.0.0/40", "*", "http://x", "a b", ""])
      expect(probeExtraTargetsInput.safeParse([bad]).success, bad).toBe(false);
  });
});

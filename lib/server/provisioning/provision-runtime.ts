import "server-only";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { applyPlan, type ApplyResult } from "./apply-plan";
import { readProvisionFile } from "./load-file";

// When EDGESCOPE_PROVISION names a file: apply it before serving, refuse to start when it is
// invalid (like gatus), and re-apply it on SIGHUP, where an invalid file keeps the running
// configuration and only logs why.

interface Deps {
  db: Db;
  box: SecretBox;
  file: string;
  holder: string;
  log: (line: string) => void;
  error: (line: string) => void;
}

const summary = (r: ApplyResult) =>
  `${r.created.length} created, ${r.updated.length} updated, ${r.deleted.length} deleted, ${r.unchanged} unchanged` +
  (r.created.length + r.updated.length + r.deleted.length
    ? ` (${[...r.created.map((s) => `+${s}`), ...r.updated.map((s) => `~${s}`), ...r.deleted.map((s) => `-${s}`)].join(", ")})`
    : "");

/** Reads and applies the file once; throws with the file, line and field on an invalid file. */
export async function provisionOnce({ db, box, file, holder, log }: Deps): Promise<ApplyResult> {
  const result = await applyPlan(db, box, readProvisionFile(file), holder);
  log(`[edgescope] provisioning ${file}: ${summary(result)}`);
  return result;
}

/** Applies at start (exits 1 on failure) and installs the SIGHUP re-apply. */
export async function startProvisioning(deps: Deps): Promise<void> {
  try {
    await provisionOnce(deps);
  } catch (err) {
    deps.error(`[edgescope] refusing to start: invalid provisioning file ${(err as Error).message}`);
    process.exit(1);
  }
  let running: Promise<unknown> = Promise.resolve();
  process.on("SIGHUP", () => {
    running = running.then(() =>
      provisionOnce(deps).catch((err: Error) =>
        deps.error(
          `[edgescope] SIGHUP: provisioning file not applied, the running configuration is kept: ${err.message}`,
        ),
      ),
    );
  });
}

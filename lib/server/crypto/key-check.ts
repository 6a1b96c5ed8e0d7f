import "server-only";
import fs from "node:fs";
import path from "node:path";
import { databaseFilePath, type Env } from "@/lib/env";
import type { Db } from "@/lib/server/db/client";

/** Where the generated key lives when EDGESCOPE_SECRET_KEY is not set. */
export function keyFilePath(env: Env): string {
  return (
    env.EDGESCOPE_KEY_FILE ?? path.join(/*turbopackIgnore: true*/ path.dirname(databaseFilePath(env)), "secret.key")
  );
}

/**
 * Before a key file is created: when it is missing but the database holds sealed passwords, those
 * were sealed with a key this server no longer has (a restore without the key file, a new volume).
 * A new key is then generated for passwords entered from now on; the old ones stay unreadable, and
 * the operator must hear it at start, not discover it from failing polls.
 */
export async function warnIfKeyFileLost(db: Db, env: Env, log: (line: string) => void): Promise<void> {
  if (env.EDGESCOPE_SECRET_KEY) return;
  const file = keyFilePath(env);
  if (fs.existsSync(file)) return;
  const [nodes, turn] = await Promise.all([db.node.count(), db.turnCredential.count()]);
  if (nodes + turn === 0) return;
  const bar = "!".repeat(100);
  log(
    [
      bar,
      `[edgescope] KEY FILE MISSING: ${file} does not exist, but the database holds ${nodes} node password(s) and ${turn} TURN password(s) sealed with it.`,
      '[edgescope] They cannot be opened: the nodes report "password unreadable" until each password is entered again (Settings).',
      "[edgescope] If you still have the key, stop the server and put it back (or set EDGESCOPE_SECRET_KEY). A new key file is being created now.",
      bar,
    ].join("\n"),
  );
}

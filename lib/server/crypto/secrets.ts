import "server-only";
import path from "node:path";
import { databaseFilePath, getEnv } from "@/lib/env";
import { SecretBox, loadOrCreateKeyFile, parseKey } from "./secret-box";

let box: SecretBox | undefined;

/** The process-wide box: EDGESCOPE_SECRET_KEY, else a key file beside the database. */
export function getSecretBox(): SecretBox {
  if (box) return box;
  const env = getEnv();
  const key = env.EDGESCOPE_SECRET_KEY
    ? parseKey(env.EDGESCOPE_SECRET_KEY)
    : loadOrCreateKeyFile(env.EDGESCOPE_KEY_FILE ?? path.join(/*turbopackIgnore: true*/ path.dirname(databaseFilePath(env)), "secret.key"));
  box = new SecretBox(key);
  return box;
}

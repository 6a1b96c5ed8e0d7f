import "server-only";
import { getEnv } from "@/lib/env";
import { keyFilePath } from "./key-check";
import { SecretBox, loadOrCreateKeyFile, parseKey } from "./secret-box";

let box: SecretBox | undefined;

/** The process-wide box: EDGESCOPE_SECRET_KEY, else a key file beside the database. */
export function getSecretBox(): SecretBox {
  if (box) return box;
  const env = getEnv();
  const key = env.EDGESCOPE_SECRET_KEY ? parseKey(env.EDGESCOPE_SECRET_KEY) : loadOrCreateKeyFile(keyFilePath(env));
  box = new SecretBox(key);
  return box;
}

import "server-only";
import { getEnv } from "@/lib/env";
import { COLLECTORS } from "@/lib/server/collectors";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { Poller } from "./poller";

const holder = globalThis as unknown as { edgescopePoller?: Poller };

/** The server process's poller (started by instrumentation.ts unless EDGESCOPE_POLLER=off). */
export function getPoller(): Poller {
  holder.edgescopePoller ??= new Poller({ db: getDb(), box: getSecretBox(), env: getEnv(), collectors: COLLECTORS });
  return holder.edgescopePoller;
}

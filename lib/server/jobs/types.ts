import "server-only";
import type { Env } from "@/lib/env";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";

export interface JobDeps {
  db: Db;
  env: Env;
  box: SecretBox;
  /** This process: hostname:pid:random (lease holder of singleton jobs and outbox claims) */
  instanceId: string;
  log: (line: string) => void;
}

/** A job the runner times: `run` every `everyMs`, never two runs of one job at once. */
export interface IntervalJob {
  name: string;
  everyMs: (env: Env) => number;
  /** Delay of the first run after start */
  firstAfterMs: (env: Env) => number;
  run: (deps: JobDeps) => Promise<void>;
}

/** A job that keeps its own timers (the loops written before this list): start returns stop. */
export interface SelfTimedJob {
  name: string;
  start: (deps: JobDeps) => () => void;
}

export type Job = IntervalJob | SelfTimedJob;

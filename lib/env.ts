import "server-only";
import path from "node:path";
import { z } from "zod";

export type DatabaseProvider = "sqlite" | "postgresql";

/** Which database a DATABASE_URL names: file: → SQLite, postgres(ql):// → PostgreSQL. */
export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a SQLite file: URL or a postgresql:// URL, got "${url.split(":")[0]}:"`);
}

// Every setting Edgescope reads, validated once. Defaults work on a fresh clone.
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL must be a SQLite file: URL (file:./data/edgescope.db) or a PostgreSQL URL (postgresql://user:password@host:5432/edgescope)")
    .default("file:./data/edgescope.db"),
  /** 32-byte key, base64 or hex, for node credentials; without it a key file beside the database is used. */
  EDGESCOPE_SECRET_KEY: z.string().optional(),
  /** Where the generated key lives when EDGESCOPE_SECRET_KEY is not set. */
  EDGESCOPE_KEY_FILE: z.string().optional(),
  /** Password of the "admin" user created on first start; without it a one-time password is printed. */
  EDGESCOPE_ADMIN_PASSWORD: z.string().optional(),
  /** "off" keeps the server from polling (useful for read-only replicas and some tests). */
  EDGESCOPE_POLLER: z.enum(["on", "off"]).default("on"),
  /** Relay usage changes call by call, so it is polled often (V5). */
  EDGESCOPE_RELAY_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(10_000),
  /** State that an operator watches (tunnels, alarms, CMS status, turnServer RTT): minutes matter, seconds do not. */
  EDGESCOPE_STATUS_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** Configuration-like sources (allow list, CMS settings, versions, bridges) change only when someone edits them. */
  EDGESCOPE_CONFIG_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** Longest wait for a node's response headers, and for each body chunk after them. */
  EDGESCOPE_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Probes (DNS, TLS, TURN, ports) behind the checks run on this schedule; 0 turns it off. */
  EDGESCOPE_PROBE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).refine((v) => v === 0 || v >= 60_000, "0 (off) or at least 60000").default(300_000),
  /** How often the scheduler looks for due work; bounds the lateness of every poll. */
  EDGESCOPE_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** Alerting: how often alert rules are evaluated and the outbox is looked at. */
  EDGESCOPE_ALERT_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Address of this dashboard as people open it: alert messages link to its deployment pages. */
  EDGESCOPE_PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  /** Webex REST API base (the Webex channel posts to {base}/messages). */
  EDGESCOPE_WEBEX_API_URL: z.string().url().default("https://webexapis.com/v1"),
}).refine((env) => !/^postgres/.test(env.DATABASE_URL) || env.EDGESCOPE_SECRET_KEY || env.EDGESCOPE_KEY_FILE, {
  // Instances sharing a PostgreSQL must open each other's sealed passwords, and there is no
  // database file to keep a generated key beside.
  path: ["EDGESCOPE_SECRET_KEY"],
  message: "with a PostgreSQL DATABASE_URL, set EDGESCOPE_SECRET_KEY (the same on every instance) or EDGESCOPE_KEY_FILE",
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validates a set of variables (process.env, or a test's own). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid Edgescope configuration:\n${lines}`);
  }
  return parsed.data;
}

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Absolute path of the SQLite file named by DATABASE_URL (relative paths resolve from the cwd). */
export function databaseFilePath(env: Env = getEnv()): string {
  if (databaseProvider(env.DATABASE_URL) !== "sqlite") throw new Error("DATABASE_URL names PostgreSQL, not a SQLite file (back PostgreSQL up with pg_dump)");
  return path.resolve(/*turbopackIgnore: true*/ env.DATABASE_URL.slice("file:".length).split("?")[0] ?? "");
}

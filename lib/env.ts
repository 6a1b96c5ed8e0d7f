import "server-only";
import path from "node:path";
import { z } from "zod";
import { passwordProblem } from "@/lib/domain/password-rules";
import { parseKey } from "@/lib/server/crypto/secret-box";
import { parseIpList } from "@/lib/server/net/ip-list";
import { parseAllowList } from "@/lib/server/metrics/scrape-allow";

export type DatabaseProvider = "sqlite" | "postgresql";

/** Which database a DATABASE_URL names: file: → SQLite, postgres(ql):// → PostgreSQL. */
export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a SQLite file: URL or a postgresql:// URL, got "${url.split(":")[0]}:"`);
}

// Every setting Edgescope reads, validated once. Defaults work on a fresh clone.
const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(
        /^(file:|postgres(ql)?:\/\/)/,
        "DATABASE_URL must be a SQLite file: URL (file:./data/edgescope.db) or a PostgreSQL URL (postgresql://user:password@host:5432/edgescope)",
      )
      .default("file:./data/edgescope.db"),
    /** 32-byte key, base64 or hex, for node credentials; without it a key file beside the database is used. */
    EDGESCOPE_SECRET_KEY: z
      .string()
      .optional()
      // A key that cannot open anything must stop the start, not leave a server answering 500s.
      .refine(
        (v) => v === undefined || tryOk(() => parseKey(v)),
        "must be 32 bytes: 64 hex characters or base64 (e.g. `openssl rand -hex 32`)",
      ),
    /** Where the generated key lives when EDGESCOPE_SECRET_KEY is not set. */
    EDGESCOPE_KEY_FILE: z.string().optional(),
    /** Password of the "admin" user created on first start; without it a one-time password is printed. */
    EDGESCOPE_ADMIN_PASSWORD: z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        const problem = v === undefined ? null : passwordProblem(v, "admin");
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    /** "off" keeps the server from polling (useful for read-only replicas and some tests). */
    EDGESCOPE_POLLER: z.enum(["on", "off"]).default("on"),
    /** A provisioning file (deployments as code, docs/integrations.md), applied at start and on SIGHUP. */
    EDGESCOPE_PROVISION: z.string().min(1).optional(),
    /** Relay usage changes call by call, so it is polled often (V5). */
    EDGESCOPE_RELAY_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(10_000),
    /** State that an operator watches (tunnels, alarms, CMS status, turnServer RTT): minutes matter, seconds do not. */
    EDGESCOPE_STATUS_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
    /** Configuration-like sources (allow list, CMS settings, versions, bridges) change only when someone edits them. */
    EDGESCOPE_CONFIG_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    /** Longest wait for a node's response headers, and for each body chunk after them. */
    EDGESCOPE_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Probes (DNS, TLS, TURN, ports) behind the checks run on this schedule; 0 turns it off. */
    EDGESCOPE_PROBE_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(86_400_000)
      .refine((v) => v === 0 || v >= 60_000, "0 (off) or at least 60000")
      .default(300_000),
    /**
     * Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed
     * for the client address (audit log, per-address login limits). None by default: the socket peer.
     */
    EDGESCOPE_TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        try {
          parseIpList(v);
        } catch (err) {
          ctx.addIssue({
            code: "custom",
            message: `${(err as Error).message}; give addresses or CIDR ranges separated by commas, e.g. 10.0.0.5, 192.0.2.0/24`,
          });
        }
      }),
    /** Certificate expiry reminders, in days before not-after (comma-separated); see docs/certificates.md. */
    EDGESCOPE_CERT_REMINDER_DAYS: z
      .string()
      .default("60,30,14,7")
      .transform((s) => s.split(",").map((x) => Number(x.trim())))
      .refine(
        (a) => a.length > 0 && a.every((n) => Number.isInteger(n) && n > 0 && n <= 3650),
        "comma-separated whole days, e.g. 60,30,14,7",
      ),
    /** How often the scheduler looks for due work; bounds the lateness of every poll. */
    EDGESCOPE_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
    /** Evidence analysis worker threads; default: one fewer than the cores (1 on 2 cores), at most 2. See docs/security.md. */
    EDGESCOPE_ANALYSIS_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
    /** Uploads that may wait for a worker; past workers + this, an upload gets 429 with Retry-After. */
    EDGESCOPE_ANALYSIS_QUEUE: z.coerce.number().int().min(0).max(64).default(2),
    /** Longest one analysis may run; then its worker is stopped and replaced. */
    EDGESCOPE_ANALYSIS_TIME_LIMIT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
    /** JavaScript heap of one analysis worker (the uploaded bytes themselves are outside it). */
    EDGESCOPE_ANALYSIS_MEMORY_MB: z.coerce.number().int().min(32).max(16_384).default(1024),
    /** Addresses or CIDR blocks (comma-separated) that may read /metrics without a token; empty: a token is always needed. */
    EDGESCOPE_METRICS_ALLOW: z
      .string()
      .default("")
      .superRefine((v, c) => {
        try {
          parseAllowList(v);
        } catch (err) {
          c.addIssue({
            code: "custom",
            message: `${(err as Error).message}; give IP addresses or CIDR blocks separated by commas`,
          });
        }
      }),
    /** Single sign-on (OpenID Connect): the provider's issuer URL; unset turns SSO off. */
    EDGESCOPE_OIDC_ISSUER: z
      .url({ protocol: /^https?$/, message: "an http(s) URL, e.g. https://login.example.com/realms/noc" })
      .optional(),
    EDGESCOPE_OIDC_CLIENT_ID: z.string().min(1).optional(),
    /** Kept in the environment only (never in the database); unset for a public client using PKCE alone. */
    EDGESCOPE_OIDC_CLIENT_SECRET: z.string().optional(),
    /** Shown as "Sign in with <name>". */
    EDGESCOPE_OIDC_NAME: z.string().min(1).max(40).default("single sign-on"),
    EDGESCOPE_OIDC_SCOPES: z.string().default("openid profile email"),
    /** The ID token claim listing the user's groups. */
    EDGESCOPE_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
    /** Comma-separated groups granting each role; a user in none of them is refused. */
    EDGESCOPE_OIDC_VIEWER_GROUPS: z.string().default(""),
    EDGESCOPE_OIDC_ENGINEER_GROUPS: z.string().default(""),
    EDGESCOPE_OIDC_ADMIN_GROUPS: z.string().default(""),
    /** The callback address registered at the provider, when the one derived from requests is wrong (behind a proxy). */
    EDGESCOPE_OIDC_REDIRECT_URI: z.url().optional(),
    /** "off" hides the username/password form and refuses POST /api/auth/login: sign-in only through SSO. */
    EDGESCOPE_LOCAL_LOGIN: z.enum(["on", "off"]).default("on"),
    /** Alerting: how often alert rules are evaluated and the outbox is looked at. */
    EDGESCOPE_ALERT_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** Address of this dashboard as people open it: alert messages link to its deployment pages. */
    EDGESCOPE_PUBLIC_URL: z.string().url().default("http://localhost:3000"),
    /** Webex REST API base (the Webex channel posts to {base}/messages). */
    EDGESCOPE_WEBEX_API_URL: z.string().url().default("https://webexapis.com/v1"),
  })
  .refine((env) => !env.EDGESCOPE_OIDC_ISSUER === !env.EDGESCOPE_OIDC_CLIENT_ID, {
    path: ["EDGESCOPE_OIDC_CLIENT_ID"],
    message: "set EDGESCOPE_OIDC_ISSUER and EDGESCOPE_OIDC_CLIENT_ID together",
  })
  .refine((env) => env.EDGESCOPE_LOCAL_LOGIN === "on" || env.EDGESCOPE_OIDC_ISSUER, {
    // Nobody could sign in at all.
    path: ["EDGESCOPE_LOCAL_LOGIN"],
    message: "off needs single sign-on (EDGESCOPE_OIDC_ISSUER)",
  })
  .refine(
    (env) =>
      !env.EDGESCOPE_OIDC_ISSUER ||
      [env.EDGESCOPE_OIDC_VIEWER_GROUPS, env.EDGESCOPE_OIDC_ENGINEER_GROUPS, env.EDGESCOPE_OIDC_ADMIN_GROUPS].some(
        (g) => g.trim(),
      ),
    {
      path: ["EDGESCOPE_OIDC_VIEWER_GROUPS"],
      message:
        "with single sign-on, name the groups granting at least one role (EDGESCOPE_OIDC_VIEWER_GROUPS, _ENGINEER_GROUPS, _ADMIN_GROUPS)",
    },
  )
  .refine((env) => !/^postgres/.test(env.DATABASE_URL) || env.EDGESCOPE_SECRET_KEY || env.EDGESCOPE_KEY_FILE, {
    // Instances sharing a PostgreSQL must open each other's sealed passwords, and there is no
    // database file to keep a generated key beside.
    path: ["EDGESCOPE_SECRET_KEY"],
    message:
      "with a PostgreSQL DATABASE_URL, set EDGESCOPE_SECRET_KEY (the same on every instance) or EDGESCOPE_KEY_FILE",
  });

export type Env = z.infer<typeof schema>;

function tryOk(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

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
  if (databaseProvider(env.DATABASE_URL) !== "sqlite")
    throw new Error("DATABASE_URL names PostgreSQL, not a SQLite file (back PostgreSQL up with pg_dump)");
  return path.resolve(/*turbopackIgnore: true*/ env.DATABASE_URL.slice("file:".length).split("?")[0] ?? "");
}

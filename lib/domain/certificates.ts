// Certificate audit rules (issue: certificate and trust audit). Pure and isomorphic: the checks on
// the server and the Certificates view in the browser read the same verdicts. Sources:
// - Cisco Field Notice FN74362 (Expressway clientAuth EKU), Cisco docs 225482 and 225693;
// - RFC 6125 §6.4.3 for wildcard names; CA/Browser Forum Baseline Requirements for key sizes.
// See docs/certificates.md.

/** One certificate as seen in a TLS handshake; the leaf comes first in a chain. */
export interface CertificateDetail {
  subject: string;
  commonName: string | null;
  issuer: string;
  /** DNS and IP subjectAltName entries, lower-cased DNS names. */
  sans: string[];
  notBefore: string;
  notAfter: string;
  serialNumber: string;
  fingerprint256: string;
  /** "RSA", "EC", "Ed25519", … */
  keyType: string;
  /** RSA modulus bits or EC curve bits; null when unknown. */
  keyBits: number | null;
  /** e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256", "sha1WithRSAEncryption". */
  signatureAlgorithm: string;
  /** Extended key usages by name ("serverAuth", "clientAuth") or OID when unnamed; null = no EKU extension (any purpose). */
  extendedKeyUsages: string[] | null;
  selfSigned: boolean;
  isCa: boolean;
}

/** One TLS endpoint audited: what was asked, what came back. */
export interface EndpointAudit {
  /** What this address is, e.g. "management", "public 443 (Join URL)". */
  label: string;
  target: string;
  servername: string | null;
  outcome: "ok" | "refused" | "unreachable" | "timeout" | "handshake-failed" | "error";
  detail: string;
  /** Leaf first, then the intermediates the server sent (as sent). */
  chain: CertificateDetail[];
  /** Verified against the node's configured CA (or the system roots when none is set). */
  trusted: boolean;
  /** OpenSSL's verify code when not trusted, e.g. UNABLE_TO_GET_ISSUER_CERT_LOCALLY. */
  verifyError: string | null;
  trustStore: "node-ca" | "system";
  /** The servername (or the node's host) is covered by the leaf. */
  nameCovered: boolean | null;
}

export const OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
export const OID_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

/** Reminder thresholds in days before expiry (configurable per check run); largest first. */
export const DEFAULT_EXPIRY_REMINDER_DAYS = [60, 30, 14, 7] as const;
/** CA/Browser Forum minimum since 2014; Expressway's own upload warns below it too. */
export const MIN_RSA_BITS = 2048;
const DAY_MS = 86_400_000;

/** Whole days until notAfter, toward zero (−0.5 days → 0 but expired). */
export function daysLeft(notAfterIso: string, nowMs: number): { days: number; expired: boolean } {
  const end = Date.parse(notAfterIso);
  const d = Math.trunc((end - nowMs) / DAY_MS);
  return { days: d === 0 ? 0 : d, expired: nowMs > end };
}

export interface ExpiryVerdict {
  status: "pass" | "warn" | "fail";
  /** The reminder threshold crossed (e.g. 14 when 9 days are left); null when none or expired. */
  reminder: number | null;
  days: number;
  expired: boolean;
  /**
   * Inside one of the smaller half of the reminders (with 60, 30, 14, 7: under 14 days): the
   * Certificates view shows it louder than a first reminder. False when passing or expired.
   */
  urgent: boolean;
}

/** Expired → fail. Inside a reminder threshold → warn, naming the smallest one crossed (9 days left → 14). */
export function expiryVerdict(
  notAfterIso: string,
  nowMs: number,
  reminders: readonly number[] = DEFAULT_EXPIRY_REMINDER_DAYS,
): ExpiryVerdict {
  const { days, expired } = daysLeft(notAfterIso, nowMs);
  if (expired) return { status: "fail", reminder: null, days, expired, urgent: false };
  const sorted = [...reminders].filter((r) => r > 0).sort((a, b) => a - b);
  const index = sorted.findIndex((r) => days < r);
  if (index < 0) return { status: "pass", reminder: null, days, expired, urgent: false };
  return { status: "warn", reminder: sorted[index]!, days, expired, urgent: index < Math.ceil(sorted.length / 2) };
}

/** The expiry state of one certificate as the Certificates view shows it: computed by the server with
 * the configured reminders (EDGESCOPE_CERT_REMINDER_DAYS), the rule the cert-expiry check uses. */
export type ExpiryState = Pick<ExpiryVerdict, "status" | "reminder" | "urgent">;

export const expiryState = (v: ExpiryVerdict): ExpiryState => ({
  status: v.status,
  reminder: v.reminder,
  urgent: v.urgent,
});

/** RFC 6125 §6.4.3: "*" only as the whole left-most label, matching exactly one label. */
export function nameMatches(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, "");
  const n = name.toLowerCase().replace(/\.$/, "");
  if (!p.startsWith("*.")) return p === n;
  const rest = p.slice(2);
  const dot = n.indexOf(".");
  return dot > 0 && n.slice(dot + 1) === rest && rest.includes(".");
}

/** SANs decide when present (RFC 6125 §6.4.4); the CN counts only without any SAN. */
export function coversName(cert: Pick<CertificateDetail, "sans" | "commonName">, name: string): boolean {
  if (cert.sans.length) return cert.sans.some((s) => nameMatches(s, name));
  return cert.commonName ? nameMatches(cert.commonName, name) : false;
}

export interface StrengthIssue {
  kind: "weak-key" | "sha1";
  message: string;
}

/** RSA under 2048 bits and SHA-1 (or MD5) signatures on the leaf or an intermediate the server sent. */
export function strengthIssues(
  c: Pick<CertificateDetail, "keyType" | "keyBits" | "signatureAlgorithm" | "selfSigned">,
): StrengthIssue[] {
  const out: StrengthIssue[] = [];
  if (c.keyType === "RSA" && c.keyBits !== null && c.keyBits < MIN_RSA_BITS)
    out.push({ kind: "weak-key", message: `RSA ${c.keyBits}-bit key (at least ${MIN_RSA_BITS} needed)` });
  // A self-signed root's own signature is never verified by anyone, so its hash does not matter.
  if (!c.selfSigned && /sha-?1(?!\d)|md5/i.test(c.signatureAlgorithm))
    out.push({ kind: "sha1", message: `signed with ${c.signatureAlgorithm}` });
  return out;
}

export const hasClientAuth = (c: Pick<CertificateDetail, "extendedKeyUsages">): boolean =>
  c.extendedKeyUsages === null ||
  c.extendedKeyUsages.includes("clientAuth") ||
  c.extendedKeyUsages.includes(OID_CLIENT_AUTH);

/**
 * FN74362: Expressway presents its server certificate as a TLS client (traversal zone, MRA/Web
 * Proxy SSH tunnels, clustering). The notice lists X14.0.0–X14.3.7 and X15.0.0–X15.3.2 as affected.
 * X15.4 adds a CLI switch to accept a server-EKU-only certificate on Expressway-E; X15.5 adds a
 * separate client certificate store (225693, CSCwr73373).
 *   needs: the server certificate must carry clientAuth · switch: X15.4 · separate: X15.5+.
 */
export type ClientAuthNeed = "needs" | "switch" | "separate" | "unknown";

export function clientAuthNeed(version: string | null | undefined): ClientAuthNeed {
  const m = version ? /X?(\d{1,6})\.(\d{1,6})(?:\.(\d{1,6}))?/i.exec(version) : null;
  if (!m) return "unknown";
  const [maj, min] = [Number(m[1]), Number(m[2])];
  if (maj > 15 || (maj === 15 && min >= 5)) return "separate";
  if (maj === 15 && min === 4) return "switch";
  return "needs";
}

/** Cisco's fix steps for a server certificate without clientAuth, by what the version offers. */
export function clientAuthFix(need: ClientAuthNeed): string[] {
  const renew =
    "Have the server certificate reissued with both Server Authentication and Client Authentication EKUs — from your private/enterprise CA if your public CA no longer issues clientAuth (private PKI is outside the Chrome Root Program change) — and upload it on every Expressway-C and -E node (Maintenance > Security > Server certificate).";
  const upgrade =
    "Or upgrade to X15.5 or later, which keeps a separate client certificate store: upload a certificate with the Client Authentication EKU there and keep the server-only certificate as the server certificate (Cisco doc 225693, CSCwr73373).";
  if (need === "switch") {
    return [
      "X15.4: the Expressway-E accepts a server-EKU-only certificate only after the CLI switch `xConfiguration XCP TLS Certificate CVS EnableServerEkuUpload: On` (Cisco doc 225693); the traversal client still presents its certificate as a TLS client.",
      renew,
      upgrade,
    ];
  }
  return [
    `FN74362: this release presents the server certificate as a TLS client on the traversal zone and the MRA / Web Proxy tunnels, so a certificate without clientAuth breaks them.`,
    renew,
    upgrade,
    "Check afterwards: the traversal zone is Active on both sides and the SSH tunnels are Active (V3).",
  ];
}

/** OpenSSL verify codes meaning the server did not send the intermediates (vs. an unknown CA). */
const INCOMPLETE_CODES = new Set([
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

export type ChainProblem = "incomplete" | "untrusted" | "expired-in-chain" | null;

export function chainProblem(a: Pick<EndpointAudit, "trusted" | "verifyError" | "chain">): ChainProblem {
  if (a.trusted) return null;
  const code = a.verifyError ?? "";
  if (code === "CERT_HAS_EXPIRED") return "expired-in-chain";
  // A lone leaf whose issuer is not in the trust store: the intermediates were not sent.
  if (INCOMPLETE_CODES.has(code) && a.chain.length <= 1 && !a.chain[0]?.selfSigned) return "incomplete";
  return "untrusted";
}

/** Rows for the Certificates view and its CSV: one per certificate, soonest expiry first. */
export interface CertificateRow {
  deploymentId: string;
  deploymentName: string;
  nodeId: string;
  nodeName: string;
  endpoint: string;
  target: string;
  position: "leaf" | "intermediate" | "root";
  subject: string;
  issuer: string;
  sans: string[];
  notAfter: string;
  daysLeft: number;
  expired: boolean;
  keyType: string;
  keyBits: number | null;
  signatureAlgorithm: string;
  extendedKeyUsages: string[] | null;
  trusted: boolean;
  problems: string[];
  fingerprint256: string;
  /** Expired (fail), inside a configured reminder (warn) or not (pass), by the cert-expiry rule. */
  expiry: ExpiryState;
}

/** GET /api/certificates. */
export interface CertificatesResponse {
  generatedAt: string;
  /** The reminders the rows were judged by (EDGESCOPE_CERT_REMINDER_DAYS), largest first. */
  reminderDays: number[];
  rows: CertificateRow[];
  /** Addresses that gave no certificate, with why. */
  unreachable: { deploymentName: string; nodeName: string; endpoint: string; detail: string }[];
}

export function sortByDaysLeft(rows: CertificateRow[]): CertificateRow[] {
  return [...rows].sort(
    (a, b) =>
      a.daysLeft - b.daysLeft ||
      a.deploymentName.localeCompare(b.deploymentName) ||
      a.nodeName.localeCompare(b.nodeName),
  );
}

const csvCell = (v: string | number | boolean | null) => {
  const s = v === null ? "" : String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function certificatesCsv(rows: CertificateRow[]): string {
  const head = [
    "deployment",
    "node",
    "endpoint",
    "target",
    "position",
    "subject",
    "issuer",
    "sans",
    "not_after",
    "days_left",
    "key",
    "signature",
    "eku",
    "trusted",
    "problems",
  ];
  const lines = rows.map((r) =>
    [
      r.deploymentName,
      r.nodeName,
      r.endpoint,
      r.target,
      r.position,
      r.subject,
      r.issuer,
      r.sans.join(" "),
      r.notAfter,
      r.daysLeft,
      `${r.keyType}${r.keyBits ? ` ${r.keyBits}` : ""}`,
      r.signatureAlgorithm,
      r.extendedKeyUsages === null ? "(any)" : r.extendedKeyUsages.join(" "),
      r.trusted,
      r.problems.join("; "),
    ]
      .map(csvCell)
      .join(","),
  );
  return [head.join(","), ...lines].join("\n") + "\n";
}

/** One address an admin adds to a node's audit: e.g. the Web Bridge or the Call Bridge's C2W port. */
export interface ExtraAuditTarget {
  label: string;
  /** "host:port" */
  target: string;
  /** Name the certificate must cover (SNI); null = the host when it is a name. */
  servername: string | null;
}

/** Most extra addresses one node may have audited; each costs a handshake per probe run. */
export const MAX_EXTRA_AUDIT_TARGETS = 8;

/** `label = host:port [name]` split by hand (a single pattern for it could not be proven linear). */
function parseTargetLine(line: string): [string, string, string, string | undefined] | null {
  const eq = line.indexOf("=");
  const label = line.slice(0, eq).trim();
  if (eq < 1 || label.length > 60) return null;
  const rest = line
    .slice(eq + 1)
    .trim()
    .split(/\s+/);
  if (rest.length < 1 || rest.length > 2 || !/^\S+:\d{1,5}$/.test(rest[0]!)) return null;
  return [line, label, rest[0]!, rest[1]];
}

/**
 * Parses the node setting "Extra certificate targets": one per line, `label = host:port [name]`,
 * e.g. `Web Bridge = 10.0.0.20:443 webbridge.example.com`. Returns the targets or the first error.
 */
export function parseExtraAuditTargets(
  text: string | null | undefined,
): { ok: true; value: ExtraAuditTarget[] } | { ok: false; message: string } {
  const lines = (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  if (lines.length > MAX_EXTRA_AUDIT_TARGETS)
    return { ok: false, message: `At most ${MAX_EXTRA_AUDIT_TARGETS} extra targets` };
  const out: ExtraAuditTarget[] = [];
  for (const [i, line] of lines.entries()) {
    const m = parseTargetLine(line);
    if (!m)
      return {
        ok: false,
        message: `Line ${i + 1}: write "label = host:port [name]", e.g. "Web Bridge = 10.0.0.20:443 webbridge.example.com"`,
      };
    const port = Number(m[2]!.slice(m[2]!.lastIndexOf(":") + 1));
    if (port < 1 || port > 65535) return { ok: false, message: `Line ${i + 1}: port must be 1–65535` };
    out.push({ label: m[1]!.trim(), target: m[2]!, servername: m[3] ?? null });
  }
  return { ok: true, value: out };
}

import "server-only";
import "reflect-metadata"; // @peculiar/x509 resolves its ASN.1 helpers through tsyringe, which needs it
import { X509Certificate as NodeX509 } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { OID_CLIENT_AUTH, OID_SERVER_AUTH, type CertificateDetail } from "@/lib/domain/certificates";

// Reads what the certificate audit reports from one DER certificate: @peculiar/x509 (already a
// dependency, for the lab's CA) decodes the extensions (SAN, EKU, basic constraints) and the
// signature algorithm; node's own X509Certificate gives the key type and size.

const EKU_NAMES: Record<string, string> = {
  [OID_SERVER_AUTH]: "serverAuth",
  [OID_CLIENT_AUTH]: "clientAuth",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
};

/** WebCrypto names → the names OpenSSL prints (what engineers compare with `openssl x509 -text`). */
export function signatureName(alg: { name?: string; hash?: { name?: string } | string }): string {
  const hash = (typeof alg.hash === "string" ? alg.hash : (alg.hash?.name ?? "")).replace("-", "");
  switch (alg.name) {
    case "RSASSA-PKCS1-v1_5":
      return hash ? `${hash.toLowerCase()}WithRSAEncryption` : "rsaEncryption";
    case "ECDSA":
      return `ecdsa-with-${hash || "?"}`;
    case "RSA-PSS":
      return `rsassaPss (${hash || "?"})`;
    default:
      return alg.name ?? "unknown";
  }
}

const CURVE_BITS: Record<string, number> = {
  "P-256": 256,
  prime256v1: 256,
  "P-384": 384,
  secp384r1: 384,
  "P-521": 521,
  secp521r1: 521,
};

function keyFacts(der: Buffer): { keyType: string; keyBits: number | null } {
  try {
    const key = new NodeX509(der).publicKey;
    const t = key.asymmetricKeyType ?? "unknown";
    const d = key.asymmetricKeyDetails ?? {};
    if (t === "rsa" || t === "rsa-pss") return { keyType: "RSA", keyBits: d.modulusLength ?? null };
    if (t === "ec") return { keyType: "EC", keyBits: d.namedCurve ? (CURVE_BITS[d.namedCurve] ?? null) : null };
    return { keyType: t.charAt(0).toUpperCase() + t.slice(1), keyBits: null };
  } catch {
    return { keyType: "unknown", keyBits: null };
  }
}

function commonNameOf(name: x509.Name): string | null {
  for (const rdn of name.toJSON()) for (const [k, v] of Object.entries(rdn)) if (k === "CN" && v[0]) return v[0];
  return null;
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

export function certificateDetail(der: Buffer): CertificateDetail {
  const c = new x509.X509Certificate(new Uint8Array(der));
  const sanExt = safe(() => c.getExtension(x509.SubjectAlternativeNameExtension), null);
  const sans = sanExt
    ? sanExt.names.items
        .filter((n) => n.type === "dns" || n.type === "ip")
        .map((n) => (n.type === "dns" ? n.value.toLowerCase() : n.value))
    : [];
  const ekuExt = safe(() => c.getExtension(x509.ExtendedKeyUsageExtension), null);
  const bc = safe(() => c.getExtension(x509.BasicConstraintsExtension), null);
  const sig = safe(() => signatureName(c.signatureAlgorithm as { name?: string; hash?: { name?: string } }), "unknown");
  return {
    subject: c.subject,
    commonName: safe(() => commonNameOf(c.subjectName), null),
    issuer: c.issuer,
    sans,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    serialNumber: c.serialNumber,
    fingerprint256: new NodeX509(der).fingerprint256,
    ...keyFacts(der),
    signatureAlgorithm: sig,
    extendedKeyUsages: ekuExt ? ekuExt.usages.map((u) => EKU_NAMES[String(u)] ?? String(u)) : null,
    selfSigned: c.subject === c.issuer,
    isCa: bc?.ca ?? false,
  };
}

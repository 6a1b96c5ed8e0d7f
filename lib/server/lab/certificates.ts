import "server-only";
import "reflect-metadata"; // @peculiar/x509 resolves its ASN.1 helpers through tsyringe, which needs it
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// A private CA for the lab (and for TLS tests), so the collectors' custom-CA path is real.
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;

export interface Ca {
  certPem: string;
  keyPem: string;
}

export interface IssuedCert {
  certPem: string;
  keyPem: string;
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey("pkcs8", key as webcrypto.CryptoKey), "PRIVATE KEY");
}

async function importKeyPem(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decode(pem)[0]!;
  return (await webcrypto.subtle.importKey("pkcs8", der, ALG, true, ["sign"])) as CryptoKey;
}

/** pathLength: intermediates allowed below this CA (0 = it signs server certificates only). */
export async function createCa(commonName = "Edgescope Lab CA", o: { pathLength?: number } = {}): Promise<Ca> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys,
    signingAlgorithm: ALG,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 3650 * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(true, o.pathLength ?? 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await exportKeyPem(keys.privateKey) };
}

export interface IssueOptions {
  commonName: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  /** Days of validity from now; negative issues an already expired certificate. */
  validDays?: number;
  /** Extended key usages; serverAuth alone when not given (what public CAs issue since the clientAuth sunset). */
  extendedKeyUsages?: ("serverAuth" | "clientAuth")[];
  /** An RSA key of this size instead of EC P-256 (the audit tests use 1024). */
  rsaBits?: number;
  /** Hash the CA signs with; SHA-1 only for tests of the audit's SHA-1 finding. */
  signatureHash?: "SHA-256" | "SHA-1";
  /** Issue an intermediate CA certificate instead of a server certificate. */
  intermediate?: boolean;
}

const leafKeyAlg = (o: IssueOptions) =>
  o.rsaBits
    ? {
        name: "RSASSA-PKCS1-v1_5",
        hash: "SHA-256",
        publicExponent: new Uint8Array([1, 0, 1]),
        modulusLength: o.rsaBits,
      }
    : ALG;

export async function issueServerCert(ca: Ca, o: IssueOptions): Promise<IssuedCert> {
  const keyAlg = leafKeyAlg(o);
  const keys = (await webcrypto.subtle.generateKey(keyAlg, true, ["sign", "verify"])) as CryptoKeyPair;
  const caCert = new x509.X509Certificate(ca.certPem);
  const validDays = o.validDays ?? 365;
  const notAfter = new Date(Date.now() + validDays * DAY_MS);
  const names = [
    ...(o.dnsNames ?? []).map((value) => ({ type: "dns" as const, value })),
    ...(o.ipAddresses ?? []).map((value) => ({ type: "ip" as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${o.commonName}`,
    issuer: caCert.subject,
    publicKey: keys.publicKey,
    signingKey: await importKeyPem(ca.keyPem),
    signingAlgorithm: { ...ALG, hash: o.signatureHash ?? ALG.hash },
    notBefore: new Date(Math.min(Date.now(), notAfter.getTime()) - DAY_MS),
    notAfter,
    extensions: [
      ...(o.intermediate
        ? [
            new x509.BasicConstraintsExtension(true, 0, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
            await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
          ]
        : [
            new x509.BasicConstraintsExtension(false, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
            new x509.ExtendedKeyUsageExtension(
              (o.extendedKeyUsages ?? ["serverAuth"]).map((u) => x509.ExtendedKeyUsage[u]),
            ),
          ]),
      ...(names.length ? [new x509.SubjectAlternativeNameExtension(names)] : []),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await exportKeyPem(keys.privateKey) };
}

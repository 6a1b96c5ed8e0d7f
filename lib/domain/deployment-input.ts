// What a person may enter for deployments and nodes: one zod schema for the API and the forms.
import { z } from "zod";
import { plainText } from "./plain-text";
import { parseExtraAuditTargets } from "./certificates";
import { hasValidPort, PORT_MESSAGE, urlHasValidPort } from "./ports";
import { NODE_ROLES } from "./types";

const fqdn = z
  .string()
  .trim()
  .min(1, "Required")
  .max(253, "At most 253 characters")
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    "Must be a fully qualified domain name, e.g. webbridge.example.com",
  );

/** "IP:port" of a DNS resolver (port 53 when left out); probes only ever ask IP literals. */
const resolver = z
  .string()
  .trim()
  .max(64)
  .regex(
    /^((25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}|\[[0-9a-f:]+\])(:\d*)?$/i,
    "Must be a resolver IP with an optional port, e.g. 192.0.2.53:53",
  )
  .refine((s) => hasValidPort(s), PORT_MESSAGE)
  .nullish();

export const deploymentInput = z.object({
  name: plainText(80),
  joinUrl: fqdn,
  callBridgeDomain: fqdn,
  /** R12: the Expressway pair also serves Jabber Guest. */
  jabberGuest: z.boolean().optional(),
  /** R8: a resolver that answers as the internet sees DNS. */
  outsideResolver: resolver,
  /** R9, T2–T4: a resolver the Call Bridge uses. */
  insideResolver: resolver,
  /** V4: turnServer RTT above this warns. */
  rttThresholdMs: z
    .number()
    .int("Whole milliseconds")
    .min(1, "At least 1 ms")
    .max(10_000, "At most 10000 ms")
    .optional(),
});
export type DeploymentInput = z.infer<typeof deploymentInput>;

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const address = z
  .string()
  .trim()
  .max(253)
  .refine(
    (s) => ipv4.test(s) || /^[0-9a-f:]+$/i.test(s) || fqdn.safeParse(s).success,
    "Must be an IPv4/IPv6 address or a host name",
  )
  .nullish();

const pem = z
  .string()
  .max(64 * 1024, "At most 64 KB of PEM")
  .refine(
    (s) => /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/.test(s),
    "Must be one or more PEM certificates (-----BEGIN CERTIFICATE-----)",
  );

const hostPort = z
  .string()
  .trim()
  .max(260)
  .regex(/^([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:]+\]):\d*$/i, "Must be host:port, e.g. 203.0.113.5:3478")
  .refine((s) => hasValidPort(s, true), PORT_MESSAGE)
  .nullish();

/** TURN client credentials of one Expressway-E (C3) as CMS should use them (C5); write-only password. */
export const turnCredentialInput = z.object({
  username: plainText(512),
  password: z.string().min(1, "Required").max(256, "At most 256 characters"),
});
export type TurnCredentialInput = z.infer<typeof turnCredentialInput>;

export const nodeInput = z.object({
  role: z.enum(NODE_ROLES, { message: `Must be one of ${NODE_ROLES.join(", ")}` }),
  name: plainText(253),
  baseUrl: z
    .string()
    .trim()
    // The port first, so "https://h:70000" says what is wrong with it rather than "not a URL".
    .refine(urlHasValidPort, { message: PORT_MESSAGE, abort: true })
    .url("Must be a URL such as https://vcs-e1.example.com:445")
    .refine((u) => u.startsWith("https://"), "Management APIs are polled over HTTPS only")
    .refine((u) => !/^https:\/\/[^/]*@/.test(u), "Put credentials in the username and password fields, not the URL"),
  username: plainText(128),
  /** Write-only: never returned. On update, leave it out to keep the stored one. */
  password: z.string().min(1, "Required").max(256, "At most 256 characters"),
  caPem: pem.nullish(),
  tlsInsecure: z.boolean().default(false),
  privateAddress: address,
  publicAddress: address,
  /** Expressway-E: where Edgescope reaches its TURN port; empty = publicAddress:3478 (R6, C5). */
  turnProbeTarget: hostPort,
  /** Expressway-E: where Edgescope reaches its HTTPS port; empty = publicAddress:443 (C2). */
  tlsProbeTarget: hostPort,
  /** Expressway-E: TURN relays its platform holds (Cisco: 1800 Small/Medium, 6000 Large); empty = 1800. */
  /** Extra certificate-audit addresses, "label = host:port [name]" per line (docs/certificates.md). */
  tlsAuditTargets: z
    .string()
    .max(2000, "At most 2000 characters")
    .nullish()
    .superRefine((v, ctx) => {
      const r = parseExtraAuditTargets(v);
      if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
    }),
  turnRelayCapacity: z.coerce
    .number({ message: "Must be a whole number of relays" })
    .int("Must be a whole number of relays")
    .min(1, "At least 1")
    .max(100_000, "At most 100000")
    .nullish(),
});
export type NodeInput = z.infer<typeof nodeInput>;
export const nodeUpdateInput = nodeInput.partial();

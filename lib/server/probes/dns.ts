import "server-only";

import { Resolver } from "node:dns/promises";
import { z } from "zod";

import {
  DNS_RECORD_TYPES,
  aAnswers,
  checkExpected,
  compareExpected,
  describeDnsOutcome,
  outcomeForDnsError,
  srvAnswers,
  type DnsAnswer,
  type DnsOutcome,
  type DnsRcode,
  type DnsRecordType,
} from "./dns-answers";
import { checkHostname, formatHostPort, hostPortSchema, timeoutSchema } from "./host-port";

// Asks one chosen resolver, the way the Call Bridge (inside, R9, T3/T4) or a browser (outside,
// R8) would, and compares its answer with what the deployment needs.

export type { DnsAnswer, DnsOutcome, DnsRcode, DnsRecordType } from "./dns-answers";

/** Most expectations are one or two addresses; the cap keeps the comparison trivially cheap. */
const MAX_EXPECTED = 32;
/** c-ares retransmissions within the budget: one lost UDP datagram should not read as "timeout". */
const DNS_TRIES = 3;

export const dnsProbeInput = z
  .object({
    // setServers takes IP literals only; port 53 when none is given.
    resolver: hostPortSchema({ ipOnly: true, defaultPort: 53, example: "192.0.2.53:53" }),
    name: z
      .string({ error: "name must be a DNS name, e.g. webbridge.example.com" })
      .trim()
      .superRefine((name, ctx) => {
        const problem = checkHostname(name, { allowUnderscore: true });
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    type: z.enum(DNS_RECORD_TYPES, { error: `type must be one of ${DNS_RECORD_TYPES.join(", ")}` }),
    expected: z
      .array(z.string(), { error: "expected must be a list of strings" })
      .max(MAX_EXPECTED, `expected holds at most ${MAX_EXPECTED} entries`)
      .optional(),
    timeoutMs: timeoutSchema(3000),
  })
  .superRefine((input, ctx) => {
    input.expected?.forEach((entry, i) => {
      const problem = checkExpected(input.type, entry);
      if (problem) ctx.addIssue({ code: "custom", path: ["expected", i], message: problem });
    });
  });

export type DnsProbeInput = z.output<typeof dnsProbeInput>;

export interface DnsProbeResult {
  outcome: DnsOutcome;
  /** The DNS response code, or null when no DNS answer arrived (timeout, unreachable). */
  rcode: DnsRcode | null;
  resolver: string;
  name: string;
  type: DnsRecordType;
  answers: DnsAnswer[];
  /** Query to answer (or to refusal); null on timeout. */
  rttMs: number | null;
  detail: string;
  /** node:dns error code behind a non-ok outcome, e.g. "ENOTFOUND". */
  errorCode?: string;
  /** Only when `expected` was given. A failed lookup never matches: every entry is missing. */
  matches?: boolean;
  missing?: string[];
  unexpected?: string[];
}

export async function probeDns(input: DnsProbeInput): Promise<DnsProbeResult> {
  const resolverText = formatHostPort(input.resolver);
  // A fresh Resolver per probe: servers and timeouts are per instance, and nothing is shared
  // with the process-wide resolver the rest of the app uses.
  const resolver = new Resolver({ timeout: Math.max(50, Math.floor(input.timeoutMs / DNS_TRIES)), tries: DNS_TRIES });
  resolver.setServers([resolverText]);
  // c-ares' own retry backoff can overrun timeout × tries; our deadline is the hard limit.
  const timer = setTimeout(() => resolver.cancel(), input.timeoutMs);
  const started = performance.now();
  const base = { resolver: resolverText, name: input.name, type: input.type };
  let answers: DnsAnswer[] = [];
  let failure: { outcome: DnsOutcome; rcode: DnsRcode | null; errorCode: string } | undefined;
  try {
    answers = await query(resolver, input.name, input.type);
  } catch (err) {
    const errorCode = (err as NodeJS.ErrnoException).code ?? "UNKNOWN";
    failure = { ...outcomeForDnsError(errorCode), errorCode };
  } finally {
    clearTimeout(timer);
  }
  const elapsed = performance.now() - started;
  const outcome = failure?.outcome ?? "ok";
  const result: DnsProbeResult = {
    ...base,
    outcome,
    rcode: failure ? failure.rcode : "NOERROR",
    answers,
    rttMs: outcome === "timeout" ? null : elapsed,
    detail: describeDnsOutcome(outcome, input.name, input.type, resolverText, answers.length),
    ...(failure ? { errorCode: failure.errorCode } : {}),
  };
  return input.expected ? { ...result, ...compareExpected(input.type, input.expected, answers) } : result;
}

async function query(resolver: Resolver, name: string, type: DnsRecordType): Promise<DnsAnswer[]> {
  switch (type) {
    case "A":
      return aAnswers(await resolver.resolve4(name, { ttl: true }));
    case "AAAA":
      return aAnswers(await resolver.resolve6(name, { ttl: true }));
    case "SRV":
      return srvAnswers(await resolver.resolveSrv(name));
  }
}

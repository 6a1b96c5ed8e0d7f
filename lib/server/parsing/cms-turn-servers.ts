import "server-only";
import { z } from "zod";
import { COLLECTIONS } from "@/lib/server/formats/cms-api";
import { TURN_SERVER, TURN_STATUS } from "@/lib/server/formats/cms-turn-servers";
import { ok, type Result } from "@/lib/server/transport/failure";
import { parseCmsDocument } from "./cms-xml";
import { optCount, optNumber, optText, text } from "./fields";
import { readFields } from "./xml";

// Parsers of CMS turnServers/<id> and turnServers/<id>/status (shapes in formats/cms-turn-servers.ts).

const detailSchema = z.object({
  serverAddress: optText,
  clientAddress: optText,
  username: optText,
  type: optText,
  tcpPortNumberOverride: optCount,
  numRegistrations: optCount,
});
export type TurnServerDetail = z.infer<typeof detailSchema>;

const hostSchema = z.object({
  address: text,
  portNumber: optCount,
  rttMs: optNumber,
  mappedAddress: optText,
  mappedPortNumber: optCount,
  allocations: optCount,
});
export type TurnServerHost = z.infer<typeof hostSchema>;

export function parseTurnServerDetail(xml: string): Result<TurnServerDetail> {
  const doc = parseCmsDocument(xml, COLLECTIONS.turnServers.item);
  return doc.ok ? readFields(doc.value, TURN_SERVER, detailSchema, xml) : doc;
}

/** Every <host> anywhere in the answer (the status root element is unconfirmed [I]). */
export function parseTurnServerStatus(xml: string): Result<TurnServerHost[]> {
  const doc = parseCmsDocument(xml);
  if (!doc.ok) return doc;
  const hosts = doc.value.name === TURN_STATUS.host ? [doc.value] : doc.value.descendants(TURN_STATUS.host);
  const { address, portNumber, roundTripTime, mappedAddress, mappedPortNumber, numAllocations } = TURN_STATUS;
  const fields = { address, portNumber, rttMs: roundTripTime, mappedAddress, mappedPortNumber, allocations: numAllocations };
  const out: TurnServerHost[] = [];
  for (const host of hosts) {
    const r = readFields(host, fields, hostSchema, xml);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

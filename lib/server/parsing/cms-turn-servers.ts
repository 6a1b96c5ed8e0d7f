import "server-only";
import { z } from "zod";
import { COLLECTIONS } from "@/lib/domain/sources/cms-api";
import { RTT_ELEMENTS, TURN_SERVER, TURN_STATUS } from "@/lib/domain/sources/cms-turn-servers";
import { ok, type Result } from "@/lib/server/transport/failure";
import { parseCmsDocument } from "./cms-xml";
import { optBoolWord, optCount, optNumber, optText, text } from "./fields";
import { readFields, type XmlElement } from "./xml";

// Parsers of CMS turnServers/<id> and turnServers/<id>/status (shapes in lib/domain/sources/cms-turn-servers.ts).

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
  reachable: optBoolWord,
  rttMs: optNumber,
  mappedAddress: optText,
  mappedPortNumber: optCount,
  allocations: optCount,
});
export type TurnServerHost = z.infer<typeof hostSchema>;

export interface TurnServerStatus {
  hosts: TurnServerHost[];
  /** The RTT element name the hosts used (Cisco's roundTripTimeMs, or the tolerated roundTripTime); null when none had one */
  rttElement: string | null;
}

export function parseTurnServerDetail(xml: string): Result<TurnServerDetail> {
  const doc = parseCmsDocument(xml, COLLECTIONS.turnServers.item);
  return doc.ok ? readFields(doc.value, TURN_SERVER, detailSchema, xml) : doc;
}

const listSchema = detailSchema.pick({ serverAddress: true, clientAddress: true });
/** What a turnServers list item gives [C]: the addresses only; the rest needs the detail. */
export type TurnServerListItem = z.infer<typeof listSchema>;

/** The addresses of one list item (`page` is the list answer, for excerpts). */
export function parseTurnServerListItem(el: XmlElement, page: string): Result<TurnServerListItem> {
  const { serverAddress, clientAddress } = TURN_SERVER;
  return readFields(el, { serverAddress, clientAddress }, listSchema, page);
}

/** Every <host> anywhere in the answer (the status root element is unconfirmed [I]). */
export function parseTurnServerStatus(xml: string): Result<TurnServerStatus> {
  const doc = parseCmsDocument(xml);
  if (!doc.ok) return doc;
  const hosts = doc.value.name === TURN_STATUS.host ? [doc.value] : doc.value.descendants(TURN_STATUS.host);
  const { address, portNumber, reachable, mappedAddress, mappedPortNumber, numAllocations } = TURN_STATUS;
  const out: TurnServerHost[] = [];
  let rttElement: string | null = null;
  for (const host of hosts) {
    const rtt = RTT_ELEMENTS.find((name) => host.child(name) !== undefined) ?? RTT_ELEMENTS[0];
    if (host.child(rtt)) rttElement ??= rtt;
    const r = readFields(
      host,
      { address, portNumber, reachable, rttMs: rtt, mappedAddress, mappedPortNumber, allocations: numAllocations },
      hostSchema,
      xml,
    );
    if (!r.ok) return r;
    // reachable=false has no RTT by definition (apiary): a stray value must not read as a reply.
    out.push(r.value.reachable === false ? { ...r.value, rttMs: undefined } : r.value);
  }
  return ok({ hosts: out, rttElement });
}

import "server-only";
import type { CandidatePairRow, IceCandidateRow } from "@/lib/domain/evidence-details";
import { asNumber, asRecord, asString, entriesOf, type JsonRecord } from "../json-shape";
import { candidateKey, describeCandidate, normalizeCandidateType } from "./candidates";

// The `stats` part of a PeerConnection in the dump: keys "<statId>-<field>", each with a
// statsType and `values`, a JSON array *as a string* of samples over time. Only the last sample
// of the few fields ICE analysis needs is decoded: a long call's dump holds megabytes of samples.

const TYPES = new Set([
  "local-candidate",
  "remote-candidate",
  "localcandidate",
  "remotecandidate",
  "candidate-pair",
  "googCandidatePair",
  "transport",
]);
const FIELDS = new Set([
  "candidateType",
  "address",
  "ip",
  "ipAddress",
  "port",
  "portNumber",
  "protocol",
  "transport",
  "relayProtocol",
  "url",
  "state",
  "nominated",
  "localCandidateId",
  "remoteCandidateId",
  "bytesSent",
  "bytesReceived",
  "requestsSent",
  "responsesReceived",
  "selectedCandidatePairId",
  "googActiveConnection",
  "googLocalAddress",
  "googRemoteAddress",
  "googLocalCandidateType",
  "googRemoteCandidateType",
  "googWritable",
]);

interface StatObject {
  type: string;
  fields: Map<string, unknown>;
}

export interface StatsFacts {
  local: IceCandidateRow[];
  remote: IceCandidateRow[];
  pairs: CandidatePairRow[];
  selectedPair: string | null;
}

function lastSample(values: unknown): unknown {
  let arr: unknown = values;
  if (typeof values === "string") {
    try {
      arr = JSON.parse(values) as unknown;
    } catch {
      return values;
    }
  }
  return Array.isArray(arr) ? arr[arr.length - 1] : arr;
}

function groupStats(stats: JsonRecord | null): Map<string, StatObject> {
  const byId = new Map<string, StatObject>();
  for (const [key, val] of entriesOf(stats)) {
    const dash = key.lastIndexOf("-");
    if (dash <= 0) continue;
    const field = key.slice(dash + 1);
    if (!FIELDS.has(field)) continue;
    const rec = asRecord(val);
    const type = asString(rec?.statsType) ?? "";
    if (rec === null || !TYPES.has(type)) continue;
    const id = key.slice(0, dash);
    let obj = byId.get(id);
    if (!obj) byId.set(id, (obj = { type, fields: new Map() }));
    obj.fields.set(field, lastSample(rec.values));
  }
  return byId;
}

function candidateFrom(f: Map<string, unknown>): IceCandidateRow {
  const row: IceCandidateRow = {
    type: normalizeCandidateType(asString(f.get("candidateType"))),
    address: asString(f.get("address")) ?? asString(f.get("ip")) ?? asString(f.get("ipAddress")) ?? "?",
    port: asNumber(f.get("port")) ?? asNumber(f.get("portNumber")) ?? 0,
    protocol: (asString(f.get("protocol")) ?? asString(f.get("transport")) ?? "?").toLowerCase(),
  };
  const relayProtocol = asString(f.get("relayProtocol"));
  if (relayProtocol) row.relayProtocol = relayProtocol;
  const url = asString(f.get("url"));
  if (url) row.url = url;
  return row;
}

const truthy = (v: unknown) => v === true || v === "true";

export function readStats(statsValue: unknown): StatsFacts {
  const byId = groupStats(asRecord(statsValue));
  const candidates = new Map<string, IceCandidateRow>();
  const facts: StatsFacts = { local: [], remote: [], pairs: [], selectedPair: null };
  const seen = new Set<string>();
  for (const [id, obj] of byId) {
    if (!obj.type.includes("candidate") || obj.type.includes("pair")) continue;
    const c = candidateFrom(obj.fields);
    candidates.set(id, c);
    const list = obj.type.startsWith("remote") ? facts.remote : facts.local;
    const key = `${obj.type.startsWith("remote") ? "r" : "l"} ${candidateKey(c)}`;
    if (!seen.has(key)) {
      seen.add(key);
      list.push(c);
    }
  }
  const selectedIds = new Set<string>();
  for (const obj of byId.values()) {
    const sel = obj.type === "transport" ? asString(obj.fields.get("selectedCandidatePairId")) : null;
    if (sel) selectedIds.add(sel);
  }
  for (const [id, obj] of byId) {
    const f = obj.fields;
    let pair: CandidatePairRow;
    if (obj.type === "candidate-pair") {
      const localId = asString(f.get("localCandidateId")) ?? "";
      const remoteId = asString(f.get("remoteCandidateId")) ?? "";
      pair = {
        id,
        local: describeCandidate(candidates.get(localId), localId || "?"),
        remote: describeCandidate(candidates.get(remoteId), remoteId || "?"),
        state: asString(f.get("state")) ?? "unknown",
        nominated: truthy(f.get("nominated")),
      };
    } else if (obj.type === "googCandidatePair") {
      // Legacy stats have no state: writable means a check succeeded, active means selected.
      const active = truthy(f.get("googActiveConnection"));
      pair = {
        id,
        local: `${normalizeCandidateType(asString(f.get("googLocalCandidateType")))} ${asString(f.get("googLocalAddress")) ?? "?"}`,
        remote: `${normalizeCandidateType(asString(f.get("googRemoteCandidateType")))} ${asString(f.get("googRemoteAddress")) ?? "?"}`,
        state: truthy(f.get("googWritable")) ? "succeeded" : "in-progress",
        nominated: active,
      };
      if (active) selectedIds.add(id);
    } else {
      continue;
    }
    for (const k of ["bytesSent", "bytesReceived", "requestsSent", "responsesReceived"] as const) {
      const n = asNumber(f.get(k));
      if (n !== null) pair[k] = n;
    }
    facts.pairs.push(pair);
  }
  const selected =
    facts.pairs.find((p) => selectedIds.has(p.id)) ?? facts.pairs.find((p) => p.nominated && p.state === "succeeded");
  facts.selectedPair = selected ? `${selected.local} → ${selected.remote}` : null;
  return facts;
}

// What a Meeting Server alarm means for this deployment: Cisco's documented alarm types
// (ciscocms/apiary, system/alarms [C]) mapped to the domain ids they are evidence for, the check
// that reports them, and the T scenarios they point at. Written once here; the R3 and V4 checks,
// the scenario engine and the views read it. Isomorphic (no I/O).
import type { FailingItem } from "./failing-items";
import type { ScenarioId } from "./findings";

/** One documented alarm type, as Edgescope reads it. */
export interface AlarmMeaning {
  type: string;
  /** Domain ids this alarm is evidence for (R/C/V) */
  domainIds: readonly string[];
  /** The check that reports it (its one home), e.g. "v4-turn-rtt" */
  checkId: "r3-cms-alarms" | "v4-turn-rtt";
  /** T scenarios it points at */
  scenarioIds: readonly ScenarioId[];
  /** The parameter naming the object the alarm is about, when Cisco documents one */
  subject?: "turnServer" | "callBridge" | "recorder" | "callBridgeName";
  /** In an operator's words */
  meaning: string;
}

const A = (type: string, m: Omit<AlarmMeaning, "type">): AlarmMeaning => ({ type, ...m });

/** Cisco's documented types (api-formats §0); `domainIds` per the mapping written there. */
export const CMS_ALARM_TYPES: readonly AlarmMeaning[] = [
  A("turnServerUnavailable", {
    domainIds: ["V4", "R7"],
    checkId: "v4-turn-rtt",
    scenarioIds: ["T1", "T3"],
    subject: "turnServer",
    meaning: "the Call Bridge could not contact this configured TURN server",
  }),
  A("c2wConnectionFailure", {
    domainIds: ["R3", "R9"],
    checkId: "r3-cms-alarms",
    scenarioIds: ["T2"],
    meaning: "the Call Bridge cannot reach the configured Web Bridge over C2W",
  }),
  A("guestAccountConnectionFailure", {
    domainIds: ["R3", "R9"],
    checkId: "r3-cms-alarms",
    scenarioIds: ["T2"],
    meaning: "the Call Bridge cannot reach the Web Bridge for guest logins",
  }),
  A("xmppRegistrationFailure", {
    domainIds: ["R3"],
    checkId: "r3-cms-alarms",
    scenarioIds: ["T3", "T4"],
    meaning: "the Call Bridge cannot register with the XMPP server",
  }),
  A("callBridgeConnectionFailure", {
    domainIds: ["R3"],
    checkId: "r3-cms-alarms",
    scenarioIds: [],
    subject: "callBridge",
    meaning: "a clustered peer Call Bridge is unreachable",
  }),
  A("databaseConnectionError", {
    domainIds: ["R3"],
    checkId: "r3-cms-alarms",
    scenarioIds: [],
    meaning: "the Call Bridge cannot connect to its database",
  }),
  A("databaseClusternodeOutofSync", {
    domainIds: ["R3"],
    checkId: "r3-cms-alarms",
    scenarioIds: [],
    meaning: "a database cluster node is out of sync",
  }),
  A("cdrConnectionFailure", {
    domainIds: [],
    checkId: "r3-cms-alarms",
    scenarioIds: [],
    meaning: "the CDR receiver cannot be reached",
  }),
  A("xmppAuthenticationRegistrationFailure", {
    domainIds: ["R3"],
    checkId: "r3-cms-alarms",
    scenarioIds: ["T3", "T4"],
    meaning: "XMPP authentication registration failed",
  }),
  A("callDistributionFailure", {
    domainIds: [],
    checkId: "r3-cms-alarms",
    scenarioIds: [],
    subject: "callBridgeName",
    meaning: "a call could not be distributed to another Call Bridge",
  }),
  A("recorderUnavailable", {
    domainIds: [],
    checkId: "r3-cms-alarms",
    scenarioIds: [],
    subject: "recorder",
    meaning: "a recorder is unavailable",
  }),
  A("recorderLowDiskSpace", {
    domainIds: [],
    checkId: "r3-cms-alarms",
    scenarioIds: [],
    meaning: "a recorder is low on disk space",
  }),
  ...[
    "callBrandingResourceInvalid",
    "ivrBrandingResourceInvalid",
    "webBridgeArchivePushFailure",
    "webBridgeArchiveRetrievalFailure",
    "webBridgeBackgroundImagePushFailure",
    "webBridgeBackgroundImageRetrievalFailure",
    "webBridgeLoginLogoImagePushFailure",
    "webBridgeLoginLogoImageRetrievalFailure",
  ].map((type) =>
    A(type, {
      domainIds: [],
      checkId: "r3-cms-alarms",
      scenarioIds: [],
      meaning: "a branding or Web Bridge customization resource failed",
    }),
  ),
];

const BY_TYPE = new Map(CMS_ALARM_TYPES.map((m) => [m.type, m]));

/** An alarm type no Cisco document lists (a newer version's, most likely): reported by R3, kept verbatim. */
const UNDOCUMENTED = (type: string): AlarmMeaning => ({
  type,
  domainIds: ["R3"],
  checkId: "r3-cms-alarms",
  scenarioIds: [],
  meaning: "an alarm type Cisco's API reference does not list",
});

export function alarmMeaning(type: string): AlarmMeaning & { documented: boolean } {
  const m = BY_TYPE.get(type);
  return m ? { ...m, documented: true } : { ...UNDOCUMENTED(type), documented: false };
}

/** The stored shape of one active alarm (cms.alarms): every type-specific parameter kept. */
export interface CmsAlarmEntry {
  id: string;
  type: string;
  failureReason: string | null;
  /** Type-specific parameters by element name, e.g. { turnServer: "<GUID>" } */
  parameters: Record<string, string>;
}

/** The alarms a check reports (each alarm has exactly one home). */
export const alarmsForCheck = <A extends { type: string }>(
  alarms: readonly A[],
  checkId: AlarmMeaning["checkId"],
): A[] => alarms.filter((a) => alarmMeaning(a.type).checkId === checkId);

/** The alarms that point at a T scenario, for the verdict engine. */
export const alarmsForScenario = <A extends { type: string }>(alarms: readonly A[], id: ScenarioId): A[] =>
  alarms.filter((a) => alarmMeaning(a.type).scenarioIds.includes(id));

/** One alarm as a failing item of its check: the symptoms and domain ids its type points at. */
export function alarmItem(
  a: Pick<CmsAlarmEntry, "type"> & Partial<Pick<CmsAlarmEntry, "failureReason" | "parameters">>,
  node: { id: string; name: string },
): FailingItem {
  const m = alarmMeaning(a.type);
  return {
    node: node.name,
    // Wall words: Cisco's alarm type as the CMS event log shows it ("cms1: c2wConnectionFailure · R3").
    reason: a.type,
    about: `${node.name}: ${alarmText(a)}`,
    nodeId: node.id,
    scenarioIds: [...m.scenarioIds],
    domainIds: [...m.domainIds],
    meaning: m.meaning,
  };
}

/** "turnServerUnavailable (turnServer 1b2c…; failureReason …)": one alarm in words, with what it names. */
export function alarmText(
  a: Pick<CmsAlarmEntry, "type"> & Partial<Pick<CmsAlarmEntry, "failureReason" | "parameters">>,
): string {
  // Snapshots stored before parameters were kept have neither field.
  const params = Object.entries(a.parameters ?? {}).map(([k, v]) => `${k} ${v}`);
  const extra = [...params, ...(a.failureReason ? [`failureReason ${a.failureReason}`] : [])];
  return extra.length ? `${a.type} (${extra.join("; ")})` : a.type;
}

// ---- Web Bridge status (webBridges/<id>/status, CMS 2.2+ [C]) ----------------------------------

export const WEB_BRIDGE_STATUSES = ["unused", "success", "connectionFailure", "dnsFailure"] as const;
export type WebBridgeStatus = (typeof WEB_BRIDGE_STATUSES)[number];

/** What a Web Bridge status means: bad ones are R3 evidence, and dnsFailure is a T2 signal (R9). */
export function webBridgeStatusMeaning(status: string | null): {
  bad: boolean;
  domainIds: string[];
  scenarioIds: ScenarioId[];
  meaning: string;
} {
  switch (status) {
    case "success":
      return { bad: false, domainIds: [], scenarioIds: [], meaning: "connected to this Call Bridge" };
    case "unused":
      return { bad: false, domainIds: [], scenarioIds: [], meaning: "not used by this Call Bridge" };
    case "connectionFailure":
      return { bad: true, domainIds: ["R3"], scenarioIds: ["T2"], meaning: "could not connect to the Call Bridge" };
    case "dnsFailure":
      return {
        bad: true,
        domainIds: ["R3", "R9"],
        scenarioIds: ["T2"],
        meaning: "name resolution failed (inside DNS of the Web Bridge name, R9)",
      };
    default:
      return {
        bad: false,
        domainIds: [],
        scenarioIds: [],
        meaning: status === null ? "no status reported" : `status "${status}" is not in Cisco's documented list`,
      };
  }
}

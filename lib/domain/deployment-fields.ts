// A deployment's own fields (the summary less its nodes), listed once: every read selects them
// from here and every view copies them with pickDeploymentFields, so adding a setting is one edit.

export const DEPLOYMENT_FIELDS = [
  "id",
  "name",
  "joinUrl",
  "callBridgeDomain",
  "jabberGuest",
  "outsideResolver",
  "insideResolver",
  "rttThresholdMs",
] as const;

export type DeploymentField = (typeof DEPLOYMENT_FIELDS)[number];

export interface DeploymentFields {
  id: string;
  name: string;
  joinUrl: string;
  callBridgeDomain: string;
  /** Check settings (R12, R8, R9/T2–T4, V4) */
  jabberGuest: boolean;
  outsideResolver: string | null;
  insideResolver: string | null;
  rttThresholdMs: number;
}

/** A Prisma `select` of exactly these fields. */
export const DEPLOYMENT_SELECT = Object.fromEntries(DEPLOYMENT_FIELDS.map((k) => [k, true])) as {
  readonly [K in DeploymentField]: true;
};

/** Just these fields of a row that may carry more (nodes, credentials). */
export const pickDeploymentFields = (row: DeploymentFields): DeploymentFields =>
  Object.fromEntries(DEPLOYMENT_FIELDS.map((k) => [k, row[k]])) as unknown as DeploymentFields;

import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";

// Which objects a provisioning file manages (table provisioned_object), and the refusal the API
// gives when someone edits one by hand: the file is the source of truth, an edit would be undone
// at the next apply.

export const PROVISIONED_KINDS = ["deployment", "node", "turnCredential", "channel", "rule"] as const;
export type ProvisionedKind = (typeof PROVISIONED_KINDS)[number];

const WHAT: Record<ProvisionedKind, string> = {
  deployment: "deployment",
  node: "node",
  turnCredential: "TURN credential",
  channel: "alert channel",
  rule: "alert rule",
};

/** sha256 of a JSON value with sorted keys: equal settings, equal digest. */
export function digestOf(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : (v ?? null);
  return crypto
    .createHash("sha256")
    .update(JSON.stringify(sorted(value)))
    .digest("hex");
}

/** The file managing an object, or null for a hand-made one. */
export async function provisionedBy(db: Db, kind: ProvisionedKind, objectId: string): Promise<string | null> {
  const row = await db.provisionedObject.findUnique({
    where: { kind_objectId: { kind, objectId } },
    select: { file: true },
  });
  return row?.file ?? null;
}

/** 409 for a PUT or DELETE on an object the provisioning file manages. */
export async function refuseIfProvisioned(db: Db, kind: ProvisionedKind, objectId: string): Promise<void> {
  const file = await provisionedBy(db, kind, objectId);
  if (file)
    throw new AppError(
      409,
      "provisioned",
      `This ${WHAT[kind]} is managed by the provisioning file ${file}: change it there and reload (SIGHUP or restart)`,
    );
}

/** Ids of the provisioned objects of one kind, for views that mark them read-only. */
export async function provisionedIds(db: Db, kind: ProvisionedKind): Promise<Set<string>> {
  return new Set(
    (await db.provisionedObject.findMany({ where: { kind }, select: { objectId: true } })).map((r) => r.objectId),
  );
}

/** Adds `provisioned` to each row of a list view, so the UI shows them read-only. */
export async function markProvisioned<T extends { id: string }>(
  db: Db,
  kind: ProvisionedKind,
  rows: T[],
): Promise<(T & { provisioned: boolean })[]> {
  const ids = await provisionedIds(db, kind);
  return rows.map((r) => ({ ...r, provisioned: ids.has(r.id) }));
}

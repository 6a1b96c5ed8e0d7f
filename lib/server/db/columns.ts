import "server-only";
import type { RuntimeDataModel } from "@prisma/client/runtime/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "./client";

// Table and column names as schema.prisma maps them (@@map, @map), read from the data model the
// generated client carries, so raw SQL that writes rows by name never repeats them by hand. Both
// clients (SQLite and PostgreSQL) are generated from the one schema, so they map alike.

/** A model's table and its writable fields (every scalar but the generated `id`) with their columns. */
export interface TableColumns {
  table: string;
  fields: readonly string[];
  columns: readonly string[];
}

const cache = new Map<string, TableColumns>();

export function tableColumns(db: Db, model: Prisma.ModelName): TableColumns {
  const hit = cache.get(model);
  if (hit) return hit;
  // The client keeps the schema's data model on every instance; its type is Prisma's own.
  const m = (db as unknown as { _runtimeDataModel: RuntimeDataModel })._runtimeDataModel.models[model];
  if (!m) throw new Error(`model ${model} is not in the client's data model`);
  const writable = m.fields.filter((f) => (f.kind === "scalar" || f.kind === "enum") && f.name !== "id");
  const spec = {
    table: m.dbName ?? model,
    fields: writable.map((f) => f.name),
    columns: writable.map((f) => f.dbName ?? f.name),
  };
  cache.set(model, spec);
  return spec;
}

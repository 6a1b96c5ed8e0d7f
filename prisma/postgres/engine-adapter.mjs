// The driver adapter the schema engine (wasm) migrates PostgreSQL through.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const PG_INTERNAL_CHAR = 18; // "char": the one-byte type of pg_catalog columns such as relkind
const PG_TEXT = 25;

/** Reports "char" columns as text, which they are on the wire; see engineAdapter(). */
function charAsText(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of r?.fields ?? []) if (f.dataTypeID === PG_INTERNAL_CHAR) f.dataTypeID = PG_TEXT;
  }
  return result;
}

class CatalogClient extends pg.Client {
  query(...args) {
    const cb = typeof args.at(-1) === "function" ? args.pop() : undefined;
    if (cb) return super.query(...args, (err, res) => cb(err, err ? res : charAsText(res)));
    const out = super.query(...args);
    return typeof out?.then === "function" ? out.then(charAsText) : out;
  }
}

/**
 * The engine introspects pg_catalog, whose "char" columns @prisma/adapter-pg 7.10 rejects
 * ("Column type 'char' could not be deserialized"). Its connections (and only these: the app's
 * client is untouched) use a pg Client that reports them as text.
 */
export function engineAdapter(url) {
  return new PrismaPg({ connectionString: url, Client: CatalogClient });
}

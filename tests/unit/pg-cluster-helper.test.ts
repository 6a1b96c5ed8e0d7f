import { describe, expect, it } from "vitest";
import { findPgBin } from "../../prisma/postgres/cluster.mjs";

describe("PostgreSQL test cluster helper", () => {
  it("fails with an install hint, never a skip, when the server binaries are missing", () => {
    expect(() => findPgBin(["/nonexistent/bin"])).toThrow(
      /initdb, pg_ctl\) not found: install the PostgreSQL server \(Debian: apt-get install -y postgresql\)/,
    );
  });
});

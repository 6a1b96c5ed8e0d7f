import { describe, expect, it } from "vitest";
import { databaseProvider, parseEnv } from "@/lib/env";

const KEY = "ab".repeat(32);

describe("DATABASE_URL", () => {
  it.each([
    ["file:./data/edgescope.db", "sqlite"],
    ["postgresql://edgescope:pw@db.example.net:5432/edgescope", "postgresql"],
    ["postgres://edgescope@10.0.0.5/edgescope?sslmode=require", "postgresql"],
  ] as const)("%s is %s", (url, provider) => {
    expect(databaseProvider(parseEnv({ DATABASE_URL: url, EDGESCOPE_SECRET_KEY: KEY }).DATABASE_URL)).toBe(provider);
  });

  it("refuses other databases, naming the variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/x" })).toThrow(
      /DATABASE_URL: DATABASE_URL must be a SQLite file: URL .* or a PostgreSQL URL/,
    );
  });

  it("needs a shared secret key on PostgreSQL, where several instances open each other's passwords", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgresql://h/db" })).toThrow(
      /EDGESCOPE_SECRET_KEY: with a PostgreSQL DATABASE_URL, set EDGESCOPE_SECRET_KEY/,
    );
    expect(
      parseEnv({ DATABASE_URL: "postgresql://h/db", EDGESCOPE_KEY_FILE: "/etc/edgescope/secret.key" })
        .EDGESCOPE_KEY_FILE,
    ).toBe("/etc/edgescope/secret.key");
    expect(parseEnv({}).DATABASE_URL).toBe("file:./data/edgescope.db"); // SQLite keeps its generated key file
  });
});

// Prisma 7 reads its datasource URL from here (it does not read .env on its own). Only
// `prisma generate` uses this file; migrations run through prisma/migrate.mjs.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/edgescope.db" },
});

import "server-only";
import crypto from "node:crypto";
import { TOKEN_PREFIX, type CreateTokenInput } from "@/lib/domain/token-input";
import type { Role } from "@/lib/domain/roles";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";

/** sha256 is enough: the secret is 32 random bytes, nothing to brute-force, and a lookup stays one index read. */
export const hashApiToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

const view = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  createdAt: true,
  createdBy: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
} as const;

export const listTokens = (db: Db) => db.apiToken.findMany({ select: view, orderBy: { name: "asc" } });

/** Creates a token and returns its secret: the only time it exists outside the caller's hands. */
export async function createToken(db: Db, input: CreateTokenInput, createdBy: string | null) {
  if (await db.apiToken.findUnique({ where: { name: input.name } }))
    throw new AppError(409, "conflict", `A token named "${input.name}" already exists`);
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: {
      name: input.name,
      role: input.role,
      tokenHash: hashApiToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdBy,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    },
  });
  return { id: row.id, name: row.name, role: row.role as Role, token, expiresAt: row.expiresAt };
}

/** Revoking deletes the row: the hash is gone, so the secret can never match again. */
export async function revokeToken(db: Db, id: string) {
  const row = await db.apiToken.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!row) throw notFound(`Token ${id}`);
  await db.apiToken.delete({ where: { id } });
  return row;
}

// API token input, shared by the route (validation) and the admin page (the same rules and messages).
import { z } from "zod";
import { roleSchema } from "./user-input";

/** Every secret starts with this, so a leaked one is easy to spot in logs and secret scanners. */
export const TOKEN_PREFIX = "esk_";

export const tokenNameSchema = z
  .string()
  .trim()
  .min(2, "At least 2 characters")
  .max(64, "At most 64 characters")
  // Names appear in audit entries as the actor; keep them plain.
  .regex(/^[A-Za-z0-9._-]+$/, "Letters, digits, dot, dash and underscore only");

export const createTokenSchema = z.object({
  name: tokenNameSchema,
  role: roleSchema,
  expiresAt: z.iso
    .datetime({ offset: true, message: "An ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z" })
    .refine((s) => Date.parse(s) > Date.now(), "Must be in the future")
    .optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** 201 of POST /api/tokens: the only answer that carries the secret. */
export const createdTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  token: z.string().describe("The secret, shown this once"),
  expiresAt: z.iso.datetime().nullable(),
});

/** One row of GET /api/tokens (never the secret or its hash). */
export const tokenRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string().describe("The first characters of the secret, to tell tokens apart"),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable().describe("Updated at most once a minute"),
  lastUsedIp: z.string().nullable(),
});

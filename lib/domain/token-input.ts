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

import { z } from "zod";
import { ROLES } from "./roles";

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "At least 2 characters")
  .max(64, "At most 64 characters")
  .regex(/^[a-z0-9._-]+$/, "Letters, digits, dot, dash and underscore only");
export const roleSchema = z.enum(ROLES, { message: `Must be one of ${ROLES.join(", ")}` });

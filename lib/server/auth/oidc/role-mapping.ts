import "server-only";
import { ROLES, type Role } from "@/lib/domain/roles";

/** Which provider groups grant which Edgescope role (EDGESCOPE_OIDC_*_GROUPS). */
export type RoleGroups = Record<Role, readonly string[]>;

/** The groups a claim carries: a JSON array of strings, or one string (some providers send a single group). */
export function groupsOf(claim: unknown): string[] {
  if (typeof claim === "string") return [claim];
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === "string");
  return [];
}

/** The highest role any of the user's groups grants, or null: no group, no access. */
export function roleForGroups(groups: readonly string[], mapping: RoleGroups): Role | null {
  for (const role of [...ROLES].reverse()) if (mapping[role].some((g) => groups.includes(g))) return role;
  return null;
}

// Who may do what (isomorphic: the UI hides what the server would refuse anyway).

export const ROLES = ["viewer", "engineer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** viewer: board and history · engineer: + probes, troubleshooting, evidence · admin: + settings, users */
const RANK: Record<Role, number> = { viewer: 0, engineer: 1, admin: 2 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
}

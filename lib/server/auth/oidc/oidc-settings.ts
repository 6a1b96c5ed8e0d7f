import "server-only";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/server/http/app-error";
import type { RoleGroups } from "./role-mapping";

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** Absent for a public client (PKCE alone). Read from the environment only, never stored. */
  clientSecret: string | undefined;
  /** Shown on the login page: "Sign in with <name>". */
  name: string;
  scopes: string;
  groupsClaim: string;
  roleGroups: RoleGroups;
  /** The callback address registered at the provider; by default derived from the request. */
  redirectUri: string | undefined;
}

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** The single sign-on settings, or null when EDGESCOPE_OIDC_ISSUER is not set. */
export function oidcSettings(env: Env): OidcSettings | null {
  if (!env.EDGESCOPE_OIDC_ISSUER || !env.EDGESCOPE_OIDC_CLIENT_ID) return null;
  return {
    issuer: new URL(env.EDGESCOPE_OIDC_ISSUER),
    clientId: env.EDGESCOPE_OIDC_CLIENT_ID,
    clientSecret: env.EDGESCOPE_OIDC_CLIENT_SECRET || undefined,
    name: env.EDGESCOPE_OIDC_NAME,
    scopes: env.EDGESCOPE_OIDC_SCOPES,
    groupsClaim: env.EDGESCOPE_OIDC_GROUPS_CLAIM,
    roleGroups: {
      viewer: list(env.EDGESCOPE_OIDC_VIEWER_GROUPS),
      engineer: list(env.EDGESCOPE_OIDC_ENGINEER_GROUPS),
      admin: list(env.EDGESCOPE_OIDC_ADMIN_GROUPS),
    },
    redirectUri: env.EDGESCOPE_OIDC_REDIRECT_URI,
  };
}

/** What the login page needs to know (nothing secret). */
export function loginOptions(env: Env): { sso: { name: string } | null; localLogin: boolean } {
  const s = oidcSettings(env);
  return { sso: s ? { name: s.name } : null, localLogin: env.EDGESCOPE_LOCAL_LOGIN === "on" };
}

/** With EDGESCOPE_LOCAL_LOGIN=off, usernames and passwords are refused: people sign in through the provider. */
export function assertLocalLoginOn(env: Env): void {
  if (env.EDGESCOPE_LOCAL_LOGIN === "off")
    throw new AppError(
      403,
      "local_login_off",
      "Local login is turned off on this server: sign in with single sign-on.",
    );
}

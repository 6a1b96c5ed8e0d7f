import "server-only";
import * as client from "openid-client";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import { getOidcConfig } from "./oidc-client";
import type { OidcSettings } from "./oidc-settings";
import { groupsOf, roleForGroups } from "./role-mapping";
import type { Role } from "@/lib/domain/roles";

// Authorization code flow with PKCE, state and nonce. The three secrets of one attempt travel in a
// sealed (AES-GCM), httpOnly cookie scoped to the callback, so no server state is needed and any
// instance behind a load balancer can finish what another started.

export const FLOW_COOKIE = "edgescope_oidc";
/** A sign-in at the provider longer than this starts over. */
export const FLOW_MAX_MS = 10 * 60_000;
export const CALLBACK_PATH = "/api/auth/oidc/callback";

interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  exp: number;
}

/** Why a sign-in was refused; the login page explains each code. */
export class SsoRefusal extends Error {
  constructor(
    readonly code: "state" | "provider" | "failed" | "no_role" | "unavailable",
    message: string,
  ) {
    super(message);
  }
}

/**
 * The callback address: EDGESCOPE_OIDC_REDIRECT_URI, else the address the browser used (Host and
 * the forwarded protocol; Next's own URL says "localhost" for any loopback address). A forged Host
 * gains nothing: the provider accepts only the registered callback.
 */
export function redirectUriFor(s: OidcSettings, headers: Headers, url: URL): string {
  if (s.redirectUri) return s.redirectUri;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || url.host;
  return `${proto}://${host}${CALLBACK_PATH}`;
}

/** Only a path on this site, never another host. */
export const safeNext = (next: string | null | undefined) =>
  next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";

export async function startSignIn(
  s: OidcSettings,
  box: SecretBox,
  redirectUri: string,
  next: string,
  now = Date.now(),
): Promise<{ url: string; cookie: string }> {
  const config = await getOidcConfig(s);
  const flow: FlowState = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    next: safeNext(next),
    exp: now + FLOW_MAX_MS,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: s.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, cookie: box.seal(JSON.stringify(flow)) };
}

export interface SsoIdentity {
  subject: string;
  issuer: string;
  preferredName: string;
  role: Role;
  groups: string[];
  next: string;
}

/** Checks the provider's answer (state, code, PKCE, ID token signature, issuer, audience, expiry, nonce) and maps the groups to a role. */
export async function finishSignIn(
  s: OidcSettings,
  box: SecretBox,
  redirectUri: string,
  callbackUrl: URL,
  sealed: string | undefined,
  now = Date.now(),
): Promise<SsoIdentity> {
  let flow: FlowState;
  try {
    flow = JSON.parse(box.open(sealed ?? "")) as FlowState;
  } catch {
    throw new SsoRefusal("state", "no sign-in was started from this browser (or it was started by another server key)");
  }
  if (flow.exp < now) throw new SsoRefusal("state", "the sign-in took longer than 10 minutes");
  const providerError = callbackUrl.searchParams.get("error");
  if (providerError)
    throw new SsoRefusal(
      "provider",
      `${providerError}: ${callbackUrl.searchParams.get("error_description") ?? ""}`.slice(0, 300),
    );

  let config;
  try {
    config = await getOidcConfig(s);
  } catch (err) {
    throw new SsoRefusal("unavailable", (err as Error).message);
  }
  // The address the provider redirected to, as registered (not as a proxy may have rewritten it).
  const current = new URL(redirectUri);
  current.search = callbackUrl.search;
  let claims: Record<string, unknown> & { sub: string; iss: string };
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims()!;
    // Conformant providers put profile claims (and often groups) in UserInfo rather than in the ID
    // token of a code flow; ask it for what the ID token lacks, for the same subject only.
    if (claims[s.groupsClaim] === undefined && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      claims = { ...info, ...claims };
    }
  } catch (err) {
    throw new SsoRefusal("failed", describe(err));
  }
  const groups = groupsOf(claims[s.groupsClaim]);
  const role = roleForGroups(groups, s.roleGroups);
  const preferredName = String(claims.preferred_username ?? claims.email ?? claims.sub);
  if (!role)
    throw new SsoRefusal(
      "no_role",
      `${preferredName} is in none of the groups that grant a role (groups: ${groups.join(", ") || "none"})`,
    );
  return { subject: claims.sub, issuer: claims.iss, preferredName, role, groups, next: flow.next };
}

/** openid-client's reason (e.g. an unexpected "aud" claim value), never a token. */
function describe(err: unknown): string {
  const e = err as Error & { error?: string; error_description?: string; cause?: unknown };
  const own = e.error ? `${e.error}: ${e.error_description ?? ""}` : e.message;
  // openid-client wraps oauth4webapi's error, whose message names the claim that failed (aud, exp, nonce…).
  const detail = e.cause instanceof Error && e.cause.message !== own ? `: ${e.cause.message}` : "";
  return `${own}${detail}`.slice(0, 300);
}

import "server-only";
import * as client from "openid-client";
import { AppError } from "@/lib/server/http/app-error";
import type { OidcSettings } from "./oidc-settings";

// The provider's configuration, discovered once per process (/.well-known/openid-configuration)
// and kept; a failed discovery is retried on the next sign-in instead of being remembered.

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);
let cached: { key: string; config: Promise<client.Configuration> } | undefined;

export function getOidcConfig(s: OidcSettings): Promise<client.Configuration> {
  const key = `${s.issuer.href} ${s.clientId}`;
  if (cached?.key !== key) {
    const auth = s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None();
    // Plain HTTP only to a provider on this machine (a local provider, the tests); anywhere else the
    // ID token and the code would cross the network in the clear.
    const insecure = s.issuer.protocol === "http:" && LOOPBACK.has(s.issuer.hostname);
    const config = client.discovery(
      s.issuer,
      s.clientId,
      undefined,
      auth,
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    cached = { key, config };
    config.catch(() => {
      if (cached?.config === config) cached = undefined;
    });
  }
  return cached!.config.catch((err: Error) => {
    throw new AppError(502, "sso_unavailable", `The identity provider did not answer discovery: ${err.message}`);
  });
}

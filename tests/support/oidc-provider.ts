import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

// A real OpenID provider (oidc-provider, the certified Node implementation) on loopback, for the
// single sign-on tests. Accounts are the login names below with their groups; its development
// login form accepts any password. `fault` makes its token endpoint answer like a misbehaving or
// misconfigured provider: an ID token, properly signed with its own key, for another audience or
// already expired.

export const OIDC_CLIENT = { id: "edgescope", secret: "edgescope-test-client-secret-0123456789" };
export const OIDC_GROUPS: Record<string, string[]> = {
  "ada.admin": ["noc-admins", "everyone"],
  "eve.engineer": ["noc-engineers", "everyone"],
  "val.viewer": ["noc-viewers"],
  "nora.nobody": ["everyone"],
};
export type OidcFault = "wrong-audience" | "expired" | null;

export interface TestOidcProvider {
  issuer: string;
  fault: OidcFault;
  /** Registers an Edgescope callback (known once the app has its port); the provider answers from then on. */
  register(redirectUri: string): void;
  stop(): Promise<void>;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

export async function startOidcProvider(): Promise<TestOidcProvider> {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: TestOidcProvider = {
    issuer,
    fault: null,
    register,
    stop: () => new Promise((r) => server.close(() => r())),
  };
  const redirectUris: string[] = [];
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
  server.on("request", (req, res) => (handle ? handle(req, res) : res.writeHead(503).end()));
  function register(redirectUri: string) {
    redirectUris.push(redirectUri);
    const config: Configuration = {
      clients: [
        {
          client_id: OIDC_CLIENT.id,
          client_secret: OIDC_CLIENT.secret,
          redirect_uris: [...redirectUris],
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_basic",
        },
      ],
      jwks: { keys: [jwk as never] },
      cookies: { keys: ["oidc-test-cookie-key"] },
      claims: { openid: ["sub"], profile: ["preferred_username", "name"], groups: ["groups"] },
      scopes: ["openid", "profile", "groups"],
      pkce: { required: () => true },
      findAccount: (_ctx, id) => ({
        accountId: id,
        claims: () => ({ sub: id, preferred_username: id, name: id, groups: OIDC_GROUPS[id] ?? [] }),
      }),
      // First-party application: no consent screen.
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId!,
        });
        grant.addOIDCScope("openid profile groups");
        await grant.save();
        return grant;
      },
    };
    const provider = new Provider(issuer, config);

    // The fault switch: rewrite the ID token the token endpoint just issued, re-signed with the provider's key.
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (!state.fault || ctx.path !== "/token" || !body?.id_token) return;
      const [header, payload] = body.id_token
        .split(".")
        .slice(0, 2)
        .map((p) => JSON.parse(Buffer.from(p, "base64url").toString()));
      if (state.fault === "wrong-audience") payload.aud = "some-other-application";
      if (state.fault === "expired") Object.assign(payload, { iat: payload.iat - 7200, exp: payload.iat - 3600 });
      const data = `${b64(header)}.${b64(payload)}`;
      ctx.body = {
        ...body,
        id_token: `${data}.${crypto.sign("sha256", Buffer.from(data), privateKey).toString("base64url")}`,
      };
    });
    handle = provider.callback();
  }
  return state;
}

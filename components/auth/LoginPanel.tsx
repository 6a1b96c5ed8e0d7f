import { getEnv } from "@/lib/env";
import { ssoRefusalCode } from "@/lib/domain/sso";
import { loginOptions } from "@/lib/server/auth/oidc/oidc-settings";
import { LoginForm } from "./LoginForm";
import { SsoSignIn } from "./SsoSignIn";

/** The login page and the 401 page: single sign-on when configured, the local form unless it is off. */
export function LoginPanel({ next, sso }: { next?: string; sso?: string }) {
  const options = loginOptions(getEnv());
  const refused = ssoRefusalCode(sso);
  const ssoBlock = options.sso && (
    <SsoSignIn name={options.sso.name} next={next ?? "/"} refused={refused} divider={options.localLogin} />
  );
  if (options.localLogin) return <LoginForm next={next} before={ssoBlock} />;
  return (
    <div className="mx-auto mt-24 w-full max-w-sm space-y-4 rounded-xl border border-slate-300 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-2xl font-bold">Log in to Edgescope</h1>
      {ssoBlock}
    </div>
  );
}

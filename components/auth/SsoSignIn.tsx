import type { SsoRefusalCode } from "@/lib/domain/sso";
import { SSO_REFUSALS } from "@/lib/domain/sso";

/** "Sign in with <provider>" and, after a refused attempt, why it was refused. A plain link: it works without script. */
export function SsoSignIn({
  name,
  next,
  refused,
  divider,
}: {
  name: string;
  next: string;
  refused: SsoRefusalCode | null;
  divider: boolean;
}) {
  return (
    <div className="space-y-3">
      {refused && (
        <div
          role="alert"
          data-testid="sso-refused"
          className="rounded-lg border border-red-500/60 bg-red-500/10 p-3 text-sm"
        >
          <p className="font-semibold text-red-600 dark:text-red-400">{SSO_REFUSALS[refused].title}</p>
          <p className="mt-1">{SSO_REFUSALS[refused].text.replace("{provider}", name)}</p>
        </div>
      )}
      <a
        href={`/api/auth/oidc/login?next=${encodeURIComponent(next)}`}
        className="block w-full rounded-lg border border-sky-600 py-2 text-center font-semibold text-sky-700 hover:bg-sky-600/10 dark:text-sky-300"
      >
        Sign in with {name}
      </a>
      {divider && <p className="text-center text-xs uppercase tracking-wide text-slate-500">or with a local account</p>}
    </div>
  );
}

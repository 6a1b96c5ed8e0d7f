"use client";

import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { useNow } from "@/components/ui/useNow";
import { CHECK_STATUS_RANK, type CheckResult, type CheckStatus } from "@/lib/domain/checks";
import { formatAge } from "@/lib/domain/freshness";
import { probedWords } from "@/lib/domain/verdict-words";
import { hasRole } from "@/lib/domain/roles";
import { useMeQuery } from "@/components/hooks/useMeQuery";
import { useChecksQuery } from "./useChecksQuery";
import { useRunProbesMutation } from "./useRunProbesMutation";
import { useScenariosQuery } from "./useScenariosQuery";

const TONE: Record<CheckStatus, string> = {
  pass: "bg-emerald-600 text-white",
  warn: "bg-yellow-400 text-slate-950",
  fail: "bg-red-600 text-white",
  unknown: "bg-slate-500 text-white",
};
const VERDICT_TONE = {
  likely: "text-red-500",
  possible: "text-amber-500",
  "not-indicated": "text-emerald-500",
  unknown: "text-slate-500",
} as const;

function CheckRow({ c, now }: { c: CheckResult; now: number }) {
  const probed = probedWords(c.probes, now);
  return (
    <details
      className="rounded border border-slate-200 p-3 dark:border-slate-800"
      data-testid="check"
      data-status={c.status}
      open={c.status === "fail"}
    >
      <summary className="cursor-pointer">
        <span
          className={`mr-3 inline-block w-20 rounded px-2 text-center text-sm font-semibold uppercase ${TONE[c.status]}`}
        >
          {c.status}
        </span>
        <span className="font-medium">{c.title}</span>
        <span className="ml-2 text-xs text-slate-500">{c.domainIds.join(" · ")}</span>
        {c.inferred && (
          <span
            className="ml-2 rounded bg-amber-500/15 px-1.5 text-xs font-semibold text-amber-600 dark:text-amber-400"
            title={c.inferred.why}
            data-testid="check-inferred"
          >
            inferred from {c.inferred.from.join("/")}
          </span>
        )}
        <span className="block pl-24 text-sm text-slate-500">{c.summary}</span>
        {probed && (
          <span className="block pl-24 text-xs text-slate-500" data-testid="probed">
            {probed}
          </span>
        )}
      </summary>
      {c.evidence.length > 0 && (
        <table className="mt-2 w-full text-left text-sm">
          <tbody>
            {c.evidence.map((e, i) => (
              <tr key={i} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1 pr-3 text-slate-500">{e.label}</td>
                <td className="pr-3 font-mono">{e.value}</td>
                <td className="pr-3 text-xs text-slate-500">{e.source}</td>
                <td className="text-xs text-slate-500">{e.ageMs === null ? "" : `${formatAge(e.ageMs)} old`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c.fix.length > 0 && (
        <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm">
          {c.fix.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ol>
      )}
    </details>
  );
}

/** Every check of the domain brief with evidence and fix, the T1–T4 verdicts, and the manual steps. */
export function ChecksPanel({ id }: { id: string }) {
  const checks = useChecksQuery(id);
  const scenarios = useScenariosQuery(id);
  const me = useMeQuery();
  const run = useRunProbesMutation(id);
  const now = useNow();
  const sorted = [...(checks.data?.checks ?? [])].sort(
    (a, b) => CHECK_STATUS_RANK[a.status] - CHECK_STATUS_RANK[b.status],
  );
  return (
    <Card
      title="Checks (domain brief R, C, V)"
      actions={
        me.data &&
        hasRole(me.data.user.role, "engineer") && (
          <button
            type="button"
            onClick={() => run.mutate()}
            disabled={run.isPending}
            className="rounded-lg bg-sky-600 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60"
          >
            {run.isPending ? "Probing…" : "Run probes now"}
          </button>
        )
      }
    >
      {run.error && <ErrorBanner title="Probes did not run" error={run.error} />}
      {scenarios.data && (
        <ul className="mb-4 grid gap-2 md:grid-cols-2" data-testid="scenarios">
          {scenarios.data.scenarios.map((s) => (
            <li key={s.id} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-800">
              <span className="font-semibold">{s.id}</span> {s.title}:{" "}
              <span className={`font-semibold ${VERDICT_TONE[s.verdict]}`}>{s.verdict}</span>
              {s.causes[0] && <span className="block text-slate-500">{s.causes[0].title}</span>}
            </li>
          ))}
        </ul>
      )}
      {checks.isPending && <Skeleton className="h-48" />}
      {checks.error && <ErrorBanner title="Could not evaluate the checks" error={checks.error} />}
      <div className="space-y-2">
        {sorted.map((c) => (
          <CheckRow key={c.id} c={c} now={now} />
        ))}
      </div>
      {checks.data && checks.data.manual.length > 0 && (
        <details className="mt-4">
          <summary className="cursor-pointer font-semibold">
            Checked by hand ({checks.data.manual.length}): Edgescope cannot see these remotely
          </summary>
          <ul className="mt-2 space-y-2 text-sm">
            {checks.data.manual.map((m) => (
              <li key={m.title}>
                <span className="font-medium">{m.title}</span>{" "}
                <span className="text-xs text-slate-500">{m.domainIds.join(" · ")}</span>
                <span className="block text-slate-500">Why: {m.reason}</span>
                <ol className="list-decimal pl-6">
                  {m.steps.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}

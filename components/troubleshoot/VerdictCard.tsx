import { Card } from "@/components/ui/Card";
import type { Verdict } from "@/lib/domain/troubleshoot-session";

const TEXT: Record<Verdict["status"], { title: string; tone: string }> = {
  confirmed: { title: "Cause confirmed", tone: "border-red-500" },
  other: { title: "The evidence points at another scenario", tone: "border-amber-500" },
  "not-found": { title: "Not confirmed yet", tone: "border-slate-500" },
  "no-evidence": { title: "Collect evidence to get a verdict", tone: "border-slate-500" },
};

export function VerdictCard({ verdict }: { verdict: Verdict }) {
  const t = TEXT[verdict.status];
  return (
    <Card className={`border-l-8 ${t.tone}`}>
      <h2 className="text-2xl font-bold" data-testid="verdict">{t.title}{verdict.status === "other" ? `: ${verdict.otherScenarios.join(", ")}` : ""}</h2>
      {verdict.reasons.length > 0 && (
        <ul className="mt-2 list-disc pl-6 text-sm">{verdict.reasons.map((r, i) => <li key={i}>{r.title}</li>)}</ul>
      )}
      <h3 className="mt-4 font-semibold">Fix</h3>
      <ol className="list-decimal space-y-1 pl-6" data-testid="fix-steps">{verdict.fix.map((f, i) => <li key={i}>{f}</li>)}</ol>
    </Card>
  );
}

import { SOURCES } from "@/lib/domain/sources";
import { Card } from "@/components/ui/Card";
import type { DeploymentStatus } from "@/lib/domain/api-types";
import { compareAllowListRules, type RuleState } from "@/lib/domain/web-proxy";
import { NoData, NodeSourceHeader, sourceOf } from "./NodeSourceHeader";

const TH = "px-3 py-2 font-medium";
const TD = "px-3 py-2";
const ROW: Record<RuleState, string> = {
  expected: "",
  other: "text-slate-500",
  differs: "bg-red-600/15",
  missing: "bg-red-600/15 font-semibold text-red-600 dark:text-red-400",
};
const BADGE: Record<RuleState, { text: string; cls: string }> = {
  expected: { text: "as V2 expects", cls: "bg-emerald-600 text-white" },
  other: { text: "other", cls: "bg-slate-500 text-white" },
  differs: { text: "differs", cls: "bg-red-600 text-white" },
  missing: { text: "missing", cls: "bg-red-600 text-white" },
};

/** Expressway-C automatic inbound allow-list rules, with the two V2 rules for the Web Bridge checked. */
export function AllowListRules({ status }: { status: DeploymentStatus }) {
  const cs = status.nodes.filter((n) => n.role === "EXPRESSWAY_C");
  return (
    <Card title="HTTP allow list, automatic inbound rules (V2)">
      {cs.length === 0 && <p className="text-slate-500">This deployment has no Expressway-C node.</p>}
      <div className="space-y-6">
        {cs.map((c) => {
          const { source, latest } = sourceOf(c, SOURCES.allowList);
          const rows = latest && compareAllowListRules(latest.content.rules);
          return (
            <div key={c.id} data-testid="allowlist-node">
              <NodeSourceHeader node={c} source={source} />
              {!rows ? (
                <NoData source={source} />
              ) : (
                <div className="overflow-x-auto">
                  <table className="w-full text-left" data-testid="allowlist-table">
                    <thead className="border-b border-slate-300 text-sm text-slate-500 dark:border-slate-700">
                      <tr>
                        <th className={TH}></th>
                        <th className={TH}>Description</th>
                        <th className={TH}>Protocol</th>
                        <th className={TH}>Port</th>
                        <th className={TH}>Match type</th>
                        <th className={TH}>Path</th>
                        <th className={TH}>Methods</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r, i) => (
                        <tr
                          key={i}
                          data-testid="allowlist-row"
                          data-state={r.state}
                          data-protocol={r.rule.protocol}
                          className={`border-b border-slate-200 align-top dark:border-slate-800 ${ROW[r.state]}`}
                        >
                          <td className={TD}>
                            <span
                              className={`inline-block w-28 rounded px-2 py-0.5 text-center text-xs font-semibold uppercase ${BADGE[r.state].cls}`}
                            >
                              {BADGE[r.state].text}
                            </span>
                          </td>
                          <td className={TD}>
                            {r.rule.description ?? "–"}
                            {r.problems.length > 0 && (
                              <span className="block text-sm font-normal text-red-500">{r.problems.join("; ")}</span>
                            )}
                          </td>
                          <td className={`${TD} font-mono`}>{r.rule.protocol}</td>
                          <td className={`${TD} font-mono tabular-nums`}>{r.rule.port}</td>
                          <td className={TD}>{r.rule.matchType ?? "–"}</td>
                          <td className={`${TD} font-mono`}>{r.rule.path}</td>
                          <td className={`${TD} font-mono text-sm`}>{r.rule.methods.join(" ") || "–"}</td>
                        </tr>
                      ))}
                      {rows.length === 0 && (
                        <tr>
                          <td colSpan={7} className={`${TD} text-slate-500`}>
                            No automatic inbound rules.
                          </td>
                        </tr>
                      )}
                    </tbody>
                  </table>
                  {rows.some((r) => r.state === "missing") && (
                    <p className="mt-2 text-sm text-slate-500">
                      Missing rows show the rule V2 expects. Expressway-C adds them itself once the Meeting Server Web
                      Proxy is enabled with the Join URL as Guest account client URI (C1).
                    </p>
                  )}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}

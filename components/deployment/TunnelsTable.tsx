import { SOURCES } from "@/lib/domain/sources";
import { Card } from "@/components/ui/Card";
import type { DeploymentStatus } from "@/lib/domain/api-types";
import { tunnelView } from "@/lib/domain/web-proxy";
import { NoData, NodeSourceHeader, sourceOf } from "./NodeSourceHeader";

const TH = "px-3 py-2 font-medium";
const TD = "px-3 py-2";

/** Expressway-C's SSH tunnels (V3): each Expressway-E needs an Active tunnel for the Join URL domain. */
export function TunnelsTable({ status }: { status: DeploymentStatus }) {
  const cs = status.nodes.filter((n) => n.role === "EXPRESSWAY_C");
  const es = status.nodes.filter((n) => n.role === "EXPRESSWAY_E").map((n) => n.name);
  const join = status.deployment.joinUrl;
  return (
    <Card title="SSH tunnels, Expressway-C to each Expressway-E (V3)">
      {cs.length === 0 && <p className="text-slate-500">This deployment has no Expressway-C node.</p>}
      <div className="space-y-6">
        {cs.map((c) => {
          const { source, latest } = sourceOf(c, SOURCES.tunnels);
          const view = latest && tunnelView(latest.content.tunnels, es, join);
          return (
            <div key={c.id} data-testid="tunnels-node">
              <NodeSourceHeader node={c} source={source} />
              {!view ? (
                <NoData source={source} />
              ) : (
                <>
                  {view.eNodesWithoutJoinTunnel.length > 0 && (
                    <p
                      className="mb-2 rounded border border-red-500/60 bg-red-600/10 px-3 py-2 font-semibold text-red-500"
                      data-testid="tunnels-missing"
                    >
                      No tunnel for {join} to {view.eNodesWithoutJoinTunnel.join(", ")}: outside browsers reaching that
                      node cannot get to the Web Bridge (V3).
                    </p>
                  )}
                  {view.eNodesJoinNotActive.length > 0 && (
                    <p className="mb-2 font-semibold text-red-500">
                      Join URL tunnel not Active to {view.eNodesJoinNotActive.join(", ")}.
                    </p>
                  )}
                  <div className="overflow-x-auto">
                    <table className="w-full text-left" data-testid="tunnels-table">
                      <thead className="border-b border-slate-300 text-sm text-slate-500 dark:border-slate-700">
                        <tr>
                          <th className={TH}>Expressway-E (target)</th>
                          <th className={TH}>Domain</th>
                          <th className={TH}>Status</th>
                        </tr>
                      </thead>
                      <tbody>
                        {view.rows.map((r) => (
                          <tr
                            key={`${r.target} ${r.domain ?? ""}`}
                            data-testid="tunnel-row"
                            data-target={r.target}
                            data-active={r.active}
                            className={`border-b border-slate-200 dark:border-slate-800 ${r.active ? "" : "bg-red-600/15 font-semibold"}`}
                          >
                            <td className={`${TD} font-mono`}>{r.target}</td>
                            <td className={`${TD} font-mono`}>
                              {r.domain ?? "–"}
                              {r.forJoinUrl && (
                                <span className="ml-2 rounded bg-sky-600/15 px-1.5 py-0.5 font-sans text-xs font-semibold text-sky-600 dark:text-sky-400">
                                  Join URL
                                </span>
                              )}
                            </td>
                            <td className={TD}>
                              <span className={r.active ? "text-emerald-500" : "text-red-500"}>
                                {r.active ? "● " : "✖ "}
                                {r.status}
                              </span>
                            </td>
                          </tr>
                        ))}
                        {view.eNodesWithoutJoinTunnel.map((e) => (
                          <tr
                            key={`missing ${e}`}
                            data-testid="tunnel-row"
                            data-target={e}
                            data-active="false"
                            data-missing="true"
                            className="border-b border-slate-200 bg-red-600/15 font-semibold dark:border-slate-800"
                          >
                            <td className={`${TD} font-mono`}>{e}</td>
                            <td className={`${TD} font-mono`}>{join}</td>
                            <td className={`${TD} text-red-500`}>✖ no tunnel</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}

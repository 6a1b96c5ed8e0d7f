"use client";

import { SOURCES } from "@/lib/domain/sources";
import { Card } from "@/components/ui/Card";
import { Sparkline } from "@/components/ui/Sparkline";
import type { DeploymentStatus, HistoryResponse } from "@/lib/domain/api-types";
import { formatCount } from "@/lib/domain/charts";
import {
  missingDetail,
  type Latest as TurnServersLatest,
  type TurnServerConfig,
} from "@/lib/domain/sources/cms-turn-servers";
import { NoData, NodeSourceHeader, sourceOf } from "./NodeSourceHeader";
import { useHistoryQuery } from "@/components/hooks/useHistoryQuery";

/** The RTT sparklines show the last hour, refreshed with the live panels. */
const RTT_RANGE = { lastMs: 3_600_000 };
const TH = "px-2 py-1.5 font-medium";
const TD = "px-2 py-1.5";

function Field({ label, value, bad }: { label: string; value: string; bad?: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={`font-mono ${bad ? "font-semibold text-red-500" : ""}`} title={bad}>
        {value}
      </dd>
      {bad && <dd className="text-xs text-red-500">{bad}</dd>}
    </div>
  );
}

function TurnServerCard({
  t,
  nodeId,
  latest,
  rtt,
  thresholdMs,
}: {
  t: TurnServerConfig;
  nodeId: string;
  latest: TurnServersLatest;
  rtt: HistoryResponse | undefined;
  thresholdMs: number;
}) {
  const samples = (latest.status?.hosts ?? []).filter((h) => h.turnServerId === t.id);
  // Hosts: the ones sampled at the last poll, else the configured ones (no RTT then).
  const hosts = samples.length
    ? samples
    : (t.hosts ?? []).map((h) => ({
        hostAddress: h.address,
        rttMs: null,
        allocations: null,
        reachable: h.reachable ?? null,
      }));
  // Without the detail, type/override/username are unknown (the list gives only the addresses).
  const unread = missingDetail(latest.content, t.id) ? "not read" : undefined;
  const typeBad = !unread && t.type?.toLowerCase() !== "expressway" ? "C5 wants type expressway" : undefined;
  return (
    <div
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      data-testid="turn-server"
      data-server={t.serverAddress ?? ""}
    >
      <h4 className="flex flex-wrap items-baseline gap-x-2 font-mono text-lg font-semibold">
        <span>
          <span className="mr-1 font-sans text-xs font-normal uppercase tracking-wide text-slate-500">
            server (private)
          </span>
          {t.serverAddress ?? "–"}
        </span>
        <span className="font-sans font-normal text-slate-500">→</span>
        <span>
          <span className="mr-1 font-sans text-xs font-normal uppercase tracking-wide text-slate-500">
            client (public)
          </span>
          {t.clientAddress ?? "–"}
        </span>
      </h4>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4">
        <Field label="Type" value={unread || (t.type ?? "–")} bad={typeBad} />
        <Field
          label="TCP port override"
          value={unread || (t.tcpPortNumberOverride == null ? "none" : String(t.tcpPortNumberOverride))}
        />
        <Field label="Username" value={unread || (t.username ?? "–")} />
        <Field label="Registrations" value={unread || formatCount(t.numRegistrations)} />
      </dl>
      <table className="mt-3 w-full text-left">
        <thead className="border-b border-slate-300 text-sm text-slate-500 dark:border-slate-700">
          <tr>
            <th className={TH}>Host</th>
            <th className={`${TH} text-right`}>RTT now</th>
            <th className={`${TH} text-right`}>Allocations</th>
            <th className={`${TH} w-2/5`}>RTT, last hour</th>
          </tr>
        </thead>
        <tbody>
          {hosts.length === 0 && (
            <tr>
              <td colSpan={4} className={`${TD} text-sm font-semibold text-red-500`}>
                CMS reports no host for this TURN server: it gets no answer from it (V4).
              </td>
            </tr>
          )}
          {hosts.map((h) => {
            // history/rtt keys a line by CMS node and host as CMS reports it.
            const key = `${nodeId}:${h.hostAddress}`;
            const hasLine = rtt?.lines.some((l) => l.key === `${key}__avg`);
            const slow = h.rttMs !== null && h.rttMs > thresholdMs;
            // CMS's own reachable=false (V4): the Call Bridge cannot reach this TURN server now.
            const unreachable = h.reachable === false;
            return (
              <tr
                key={h.hostAddress}
                className="border-b border-slate-200 dark:border-slate-800"
                data-testid="turn-host"
                data-reachable={h.reachable === false ? "false" : h.reachable === true ? "true" : ""}
              >
                <td className={`${TD} font-mono`}>{h.hostAddress}</td>
                <td className={`${TD} text-right`}>
                  <span
                    className={`text-2xl font-bold tabular-nums ${h.rttMs === null ? "text-red-500" : slow ? "text-amber-500" : ""}`}
                    data-testid="turn-rtt"
                  >
                    {unreachable ? "unreachable" : h.rttMs === null ? "no answer" : formatCount(h.rttMs)}
                  </span>
                  {unreachable && <span className="block text-xs text-red-500">CMS reports it unreachable</span>}
                  {h.rttMs !== null && <span className="text-sm text-slate-500"> ms</span>}
                  {slow && <span className="block text-xs text-amber-500">over {thresholdMs} ms</span>}
                </td>
                <td className={`${TD} text-right text-xl tabular-nums`} data-testid="turn-allocations">
                  {formatCount(h.allocations)}
                </td>
                <td className={TD}>
                  {rtt && hasLine ? (
                    <Sparkline
                      points={rtt.points}
                      dataKey={`${key}__avg`}
                      peakKey={`${key}__peak`}
                      height="2.5rem"
                      unit=" ms"
                      label={`RTT to ${h.hostAddress}, last hour`}
                    />
                  ) : (
                    <span className="text-xs text-slate-500">{rtt ? "no RTT in this hour" : "…"}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Each Meeting Server's turnServers (C5) with the RTT and allocations it measures per host (V4). */
export function TurnServersPanel({ id, status }: { id: string; status: DeploymentStatus }) {
  const cmss = status.nodes.filter((n) => n.role === "CMS");
  const rtt = useHistoryQuery(id, "rtt", RTT_RANGE);
  const eCount = status.nodes.filter((n) => n.role === "EXPRESSWAY_E").length;
  return (
    <Card title="TURN servers as the Meeting Server sees them (C5, V4)">
      {cmss.length === 0 && <p className="text-slate-500">This deployment has no Meeting Server node.</p>}
      <div className="space-y-6">
        {cmss.map((n) => {
          const { source, latest } = sourceOf(n, SOURCES.cmsTurnServers);
          const list = latest?.content.turnServers ?? [];
          return (
            <div key={n.id} data-testid="turn-servers-node">
              <NodeSourceHeader node={n} source={source} />
              {!latest ? (
                <NoData source={source} />
              ) : (
                <>
                  {list.length < eCount && (
                    <p className="mb-2 rounded border border-red-500/60 bg-red-600/10 px-3 py-2 font-semibold text-red-500">
                      {list.length} turnServer{list.length === 1 ? "" : "s"} for {eCount} Expressway-E nodes: C5 wants
                      one per node.
                    </p>
                  )}
                  <div className="grid gap-4 xl:grid-cols-2">
                    {list.map((t) => (
                      <TurnServerCard
                        key={t.id}
                        t={t}
                        nodeId={n.id}
                        latest={latest}
                        rtt={rtt.data}
                        thresholdMs={status.deployment.rttThresholdMs}
                      />
                    ))}
                  </div>
                  {rtt.error && (
                    <p className="mt-2 text-sm text-red-500">Could not load the RTT history: {rtt.error.message}</p>
                  )}
                </>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}

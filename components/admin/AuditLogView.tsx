"use client";

import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { formatDateTime } from "@/lib/domain/time-format";
import { useAuditQuery } from "./useAuditQuery";

export function AuditLogView() {
  const { data, error, isPending } = useAuditQuery();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Audit log</h1>
      {isPending && <Skeleton className="h-64" />}
      {error && <ErrorBanner title="Could not load the audit log" error={error} />}
      {data && (
        <Card>
          {data.length === 0 ? (
            <p className="text-slate-500">Nothing recorded yet.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-2">Time</th>
                  <th>User</th>
                  <th>Action</th>
                  <th>Target</th>
                  <th>Detail</th>
                  <th>Address</th>
                  <th>Outcome</th>
                </tr>
              </thead>
              <tbody>
                {data.map((r) => (
                  <tr key={r.id} className="border-t border-slate-200 dark:border-slate-800" data-testid="audit-row">
                    <td className="py-1.5 whitespace-nowrap">{formatDateTime(r.ts, { seconds: true })}</td>
                    <td>{r.username ?? "–"}</td>
                    <td className="font-mono">{r.action}</td>
                    <td className="font-mono">{r.target ?? ""}</td>
                    <td>{r.detail ?? ""}</td>
                    <td>{r.ip ?? ""}</td>
                    <td className={r.outcome === "ok" ? "text-emerald-500" : "text-red-500"}>{r.outcome}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
    </div>
  );
}
